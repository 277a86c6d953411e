// Lighthouse on the reference pages (`npm run bench -- --only lighthouse`): performance on Lighthouse's
// mobile (simulated slow 4G, 4× CPU slowdown) and desktop settings, and accessibility, per page,
// through Lighthouse's Node API against Debian's Chromium (started here with a DevTools port; no
// network beyond 127.0.0.1). Lighthouse 12.2.3 is the last release that runs on Node 20. Every run
// starts from a cold cache (Lighthouse clears the origin's cache and storage before it loads).
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApiEntry } from "../registry/apis.js";
import { DOCS } from "../registry/generated-paths.js";
import { serveStatic } from "../serve/static-server.js";
import { CHROMIUM, CHROMIUM_FLAGS } from "../testkit/browser.js";
import { recordGoal } from "./goals.js";
import { median, track } from "./process.js";

export interface LighthouseFigures {
  page: string;
  formFactor: "mobile" | "desktop";
  performance: number;
  accessibility: number;
  /** Milliseconds (Lighthouse's simulated figures for the form factor). */
  fcp: number;
  lcp: number;
  tbt: number;
  cls: number;
  /** Bytes over the wire. */
  transferred: number;
  /** Bytes of script downloaded but not run. */
  unusedScript: number;
  /** The accessibility audits that failed: id and the number of elements. */
  failedA11y: string[];
}

/** The pages the goals are judged on (the issue names runcloud and healthchecks). */
export const LIGHTHOUSE_GOAL_PAGES = ["runcloud", "healthchecks"];

/** Debian's Chromium, headless, with a DevTools port for Lighthouse; resolves once it listens. */
async function startChromium(): Promise<{ port: number; stop: () => Promise<void> }> {
  const profile = mkdtempSync(join(tmpdir(), "lighthouse-chromium-"));
  const child: ChildProcess = spawn(
    CHROMIUM,
    [
      "--headless=new",
      "--remote-debugging-port=0",
      `--user-data-dir=${profile}`,
      ...CHROMIUM_FLAGS,
      "--disable-default-apps",
      "--disable-extensions",
      "about:blank",
    ],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  track(child);
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
    // Chromium's helper processes outlive the browser's by a moment and may still write into the
    // profile (its Cache): removing it then fails with ENOTEMPTY, which a retry a little later does not.
    rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
  };
  const port = await new Promise<number>((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (chunk: Buffer) => {
      err += chunk.toString();
      const m = /DevTools listening on ws:\/\/[^:]+:(\d+)\//.exec(err);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) =>
      reject(new Error(`Chromium (${CHROMIUM}) exited with ${code} before listening:\n${err}`)),
    );
    child.once("error", reject);
  });
  return { port, stop };
}

/** Runs Lighthouse on each URL in both form factors. */
export async function runLighthouse(
  urls: { page: string; url: string }[],
  formFactors: ("mobile" | "desktop")[] = ["mobile", "desktop"],
): Promise<LighthouseFigures[]> {
  const { default: lighthouse, desktopConfig } = await import("lighthouse");
  const chromium = await startChromium();
  const figures: LighthouseFigures[] = [];
  try {
    for (const { page, url } of urls) {
      for (const formFactor of formFactors) {
        const result = await lighthouse(
          url,
          { port: chromium.port, output: "json", logLevel: "error", onlyCategories: ["performance", "accessibility"] },
          formFactor === "desktop" ? desktopConfig : undefined,
        );
        if (!result) throw new Error(`Lighthouse returned nothing for ${url}`);
        const { lhr } = result;
        if (lhr.runtimeError)
          throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
        const numeric = (id: string) => lhr.audits[id]?.numericValue ?? NaN;
        const unused = lhr.audits["unused-javascript"]?.details as { overallSavingsBytes?: number } | undefined;
        const failedA11y = Object.values(lhr.categories.accessibility?.auditRefs ?? [])
          .map((ref) => lhr.audits[ref.id]!)
          .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
          .map((a) => `${a.id} (${(a.details as { items?: unknown[] } | undefined)?.items?.length ?? 0})`);
        figures.push({
          page,
          formFactor,
          performance: Math.round((lhr.categories.performance?.score ?? 0) * 100),
          accessibility: Math.round((lhr.categories.accessibility?.score ?? 0) * 100),
          fcp: numeric("first-contentful-paint"),
          lcp: numeric("largest-contentful-paint"),
          tbt: numeric("total-blocking-time"),
          cls: numeric("cumulative-layout-shift"),
          transferred: numeric("total-byte-weight"),
          unusedScript: unused?.overallSavingsBytes ?? 0,
          failedA11y,
        });
      }
    }
  } finally {
    await chromium.stop();
  }
  return figures;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

/**
 * `npm run bench -- --only lighthouse`: every reference page, mobile and desktop, `runs` times each
 * (median per figure); the goals are recorded for the pages the issue names and for the worst page.
 */
export async function benchLighthouse(
  apis: ApiEntry[],
  runs: number,
  log: (line: string) => void,
  dir = DOCS,
): Promise<void> {
  const server = await serveStatic(dir, "127.0.0.1", 0);
  try {
    const urls = apis.map((api) => ({ page: api.name, url: new URL(`${api.name}.html`, server.url).href }));
    const all: LighthouseFigures[] = [];
    for (let i = 0; i < runs; i++) all.push(...(await runLighthouse(urls)));
    log(`\nLighthouse 12.2.3 (${dir}; Chromium, cold cache, median of ${runs}; mobile = simulated slow 4G + 4× CPU):`);
    log(
      "page                 form     perf  a11y    FCP ms   LCP ms   TBT ms    CLS   transferred   unused JS   failed a11y audits",
    );
    const rows: LighthouseFigures[] = [];
    for (const { page } of urls) {
      for (const formFactor of ["mobile", "desktop"] as const) {
        const samples = all.filter((f) => f.page === page && f.formFactor === formFactor);
        const m = (k: keyof LighthouseFigures) => median(samples.map((s) => s[k] as number));
        const row: LighthouseFigures = {
          page,
          formFactor,
          performance: m("performance"),
          accessibility: m("accessibility"),
          fcp: m("fcp"),
          lcp: m("lcp"),
          tbt: m("tbt"),
          cls: m("cls"),
          transferred: m("transferred"),
          unusedScript: m("unusedScript"),
          failedA11y: [...new Set(samples.flatMap((s) => s.failedA11y))],
        };
        rows.push(row);
        log(
          `${page.padEnd(20)} ${formFactor.padEnd(7)} ${String(row.performance).padStart(5)} ${String(row.accessibility).padStart(5)} ${row.fcp.toFixed(0).padStart(9)} ${row.lcp.toFixed(0).padStart(8)} ${row.tbt.toFixed(0).padStart(8)} ${row.cls.toFixed(3).padStart(6)} ${kb(row.transferred).padStart(13)} ${kb(row.unusedScript).padStart(11)}   ${row.failedA11y.join(", ") || "-"}`,
        );
      }
    }
    const goalRows = rows.filter((r) => LIGHTHOUSE_GOAL_PAGES.includes(r.page));
    const worst = (form: "mobile" | "desktop", key: "performance" | "accessibility", among = rows) =>
      Math.min(...among.filter((r) => r.formFactor === form).map((r) => r[key]));
    const names = LIGHTHOUSE_GOAL_PAGES.join(", ");
    recordGoal({
      name: `Lighthouse performance, mobile (${names}; lowest)`,
      value: worst("mobile", "performance", goalRows),
      unit: "score",
      kind: "min",
      limit: 90,
    });
    recordGoal({
      name: `Lighthouse performance, desktop (${names}; lowest)`,
      value: worst("desktop", "performance", goalRows),
      unit: "score",
      kind: "min",
      limit: 95,
    });
    recordGoal({
      name: `Lighthouse accessibility, desktop (${names}; lowest)`,
      value: worst("desktop", "accessibility", goalRows),
      unit: "score",
      kind: "min",
      limit: 100,
    });
    recordGoal({
      name: "Lighthouse performance, mobile (every reference page; lowest)",
      value: worst("mobile", "performance"),
      unit: "score",
      kind: "min",
      limit: 90,
    });
    recordGoal({
      name: "Lighthouse performance, desktop (every reference page; lowest)",
      value: worst("desktop", "performance"),
      unit: "score",
      kind: "min",
      limit: 95,
    });
    recordGoal({
      name: "Lighthouse accessibility (every reference page, both form factors; lowest)",
      value: Math.min(worst("mobile", "accessibility"), worst("desktop", "accessibility")),
      unit: "score",
      kind: "min",
      limit: 100,
    });
  } finally {
    await server.close();
  }
}
