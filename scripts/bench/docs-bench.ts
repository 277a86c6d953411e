// Docs benchmark: per reference page, in headless Chromium with a cold cache, median of `runs`:
// - the bytes over the wire (compressed) for the first screen (the page alone: Redoc's script
//   and the definition load only on a reader's intent) and for the whole page once Redoc runs;
// - first contentful paint and largest contentful paint (the first screen visibly rendered,
//   Chromium's own paint timings);
// - first click answered: the reader clicks a sidebar entry as soon as the page first paints (the
//   first overview section the server-rendered page holds, `#/section/...`); from navigation
//   start until that section is in view (its top within 50 px of the viewport's) and the URL's
//   hash is the entry's, observed each frame by the benchmark. The page answers it itself, before
//   Redoc runs (reference-page.ts, SIDEBAR_SCRIPT). Pages without such a section (only tags, which
//   Redoc renders) show "-" and are not judged.
// - Redoc running: from navigation start until Redoc answers input (the same click, the press of
//   which asked for Redoc), for information. "Answers" is observed by the benchmark itself, not
//   read from the page's own mark: Redoc's search box reads "Loading..." until the hydrated app
//   runs (React hydrates after hydrate() resolves).
// The goal "reference page: first click answered" is judged on the slowest page's median.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import type { ApiEntry } from "../registry/apis.js";
import { DOCS } from "../registry/generated-paths.js";
import { serveStatic } from "../serve/static-server.js";
import { recordGoal } from "./goals.js";
import { median } from "./process.js";

interface PageFigures {
  firstScreen: number;
  total: number;
  fcp: number;
  lcp: number;
  input: number;
  answered: number;
  redoc: number;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => (value < 0 ? "-" : value.toFixed(0));

/** Installed before the page's own scripts: records when Redoc's search box stops reading "Loading...". */
const OBSERVER = `
  window.__answers = -1;
  const check = () => {
    const trigger = document.querySelector("#redoc [data-testid=search-trigger]");
    if (trigger && !/Loading\\.\\.\\./.test(trigger.textContent)) { window.__answers = performance.now(); watch.disconnect(); }
  };
  const watch = new MutationObserver(check);
  watch.observe(document, { subtree: true, childList: true, characterData: true });
`;

export async function benchDocs(apis: ApiEntry[], runs: number, log: (line: string) => void, dir = DOCS) {
  // Only tests depend on playwright-core's Chromium launcher; loaded here, not by `npm run bench` itself.
  const { launchChromium } = await import("../testkit/browser.js");
  const server = await serveStatic(dir, "127.0.0.1", 0);
  const browser = await launchChromium("chromium"); // the browser a reader runs, not the tests' headless shell
  try {
    log(
      `\nDocs (${dir}; headless Chromium, cold cache, median of ${runs}; ms from navigation start; bytes over the wire):`,
    );
    log(
      "page                 first screen   with Redoc    FCP   visible (LCP)   first click   answered   Redoc running",
    );
    const answered: number[] = [];
    const redoc: number[] = [];
    for (const api of apis) {
      const samples: PageFigures[] = [];
      for (let i = 0; i < runs; i++) samples.push(await measure(browser, new URL(`${api.name}.html`, server.url).href));
      const m = (k: keyof PageFigures) => median(samples.map((s) => s[k]));
      if (m("answered") >= 0) answered.push(m("answered"));
      redoc.push(m("redoc"));
      log(
        `${`${api.name}.html`.padEnd(20)} ${kib(m("firstScreen")).padStart(12)}   ${kib(m("total")).padStart(10)}   ${ms(m("fcp")).padStart(4)}   ${ms(m("lcp")).padStart(13)}   ${ms(m("input")).padStart(11)}   ${ms(m("answered")).padStart(8)}   ${ms(m("redoc")).padStart(13)}`,
      );
    }
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
    log(`${dir}: ${files.length} top-level files, ${kib(files.reduce((n, f) => n + statSync(join(dir, f)).size, 0))}`);
    log(`Redoc running (for information, not the goal): slowest page's median ${ms(Math.max(...redoc))} ms`);
    recordGoal({
      name: "reference page: first click answered (section in view), cold cache (click at first paint; slowest page's median)",
      value: Math.max(...answered),
      unit: "ms",
      kind: "max",
      limit: 500,
    });
  } finally {
    await browser.close();
    await server.close();
  }
}

async function measure(browser: Browser, url: string): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(OBSERVER);
  const page = await context.newPage();
  const transfers: Promise<number>[] = [];
  page.on("requestfinished", (request) =>
    transfers.push(
      request.sizes().then(
        (s) => s.responseBodySize + s.responseHeadersSize,
        () => 0,
      ),
    ),
  );
  const wire = async () => (await Promise.all(transfers)).reduce((a, b) => a + b, 0);
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.waitForFunction(`performance.getEntriesByName("first-contentful-paint").length > 0`, undefined, {
    polling: "raf",
  });
  // The reader's first input, as soon as the page shows: a click on the sidebar's first entry whose
  // section is in the page (else a pointer move, which asks for Redoc all the same).
  // Found and pressed by coordinates, without Playwright's actionability round trips.
  const target = (await page.evaluate(`(() => {
    const a = document.querySelector("#redoc [role=listitem] a[href^='#/section/']");
    const r = a?.getBoundingClientRect();
    return a ? { href: a.getAttribute("href"), x: r.left + r.width / 2, y: r.top + r.height / 2 } : null;
  })()`)) as { href: string; x: number; y: number } | null;
  const href = target?.href;
  let answered = -1;
  if (target) await page.mouse.click(target.x, target.y);
  else await page.mouse.move(640, 450);
  const input = (await page.evaluate("performance.now()")) as number;
  if (href) {
    const id = JSON.stringify(decodeURIComponent(href.slice(2)));
    const inView = `location.hash === ${JSON.stringify(href)} && Math.abs(document.getElementById(${id}).getBoundingClientRect().top) < 50 && performance.now()`;
    answered = (await (
      await page.waitForFunction(inView, undefined, { polling: "raf", timeout: 120_000 })
    ).jsonValue()) as number;
  }
  await page.waitForFunction("window.__answers > 0", undefined, { timeout: 120_000 });
  await page.waitForLoadState("networkidle");
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  const timing = (await page.evaluate(`new Promise((resolve) => {
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const requested = performance.getEntriesByName("redoc-requested")[0];
    const done = (lcp) => resolve({ fcp: fcp ? fcp.startTime : -1, lcp, requested: requested ? requested.startTime : Infinity });
    // LCP entries are only delivered to an observer (buffered: the ones already recorded).
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      done(entries.length ? entries[entries.length - 1].startTime : -1);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    setTimeout(() => done(-1), 2000);
  })`)) as { fcp: number; lcp: number; requested: number };
  const answers = (await page.evaluate("window.__answers")) as number;
  const total = await wire();
  // The first screen's bytes: the page and what it loaded before Redoc was asked for.
  const firstScreen =
    (await page.evaluate(`[performance.getEntriesByType("navigation")[0], ...performance.getEntriesByType("resource")]
    .filter((r) => r.startTime < ${timing.requested === Infinity ? "Infinity" : timing.requested})
    .reduce((sum, r) => sum + r.transferSize, 0)`)) as number;
  await context.close();
  return { firstScreen, total, fcp: timing.fcp, lcp: timing.lcp, input, answered, redoc: answers };
}
