// Save-to-refresh of `npm run dev`, as a user sees it: `npm run dev` in a throw-away copy, its
// reference page open in headless Chromium (Debian's, through playwright-core), a spec file
// written, and the time until the open page shows the change (polled every animation frame).
// Two saves are measured: the root document's title (specs/<api>/openapi.yaml) and an operation's
// summary in a file the root $refs. Between saves the bench waits until the dev process has also
// finished what the page does not wait for (generated/, the bundle's lint, the mock restart), as a
// reader does who looks at the page before saving again; that time is printed too.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiEntry } from "../registry/apis.js";
import { recordGoal } from "./goals.js";
import { median, track } from "./process.js";

interface Save {
  label: string;
  file: string;
  /** Where on the page the reader looks (the page's hash route): Redoc renders a tag's operations when it is opened. */
  view: string;
  /** The file's text with `marker` in it. */
  edit(original: string, marker: string): string;
  /** A page expression that is true once the page shows `marker`. */
  shows(marker: string): string;
}

const inHeading = (selector: string, marker: string) =>
  `[...document.querySelectorAll(${JSON.stringify(selector)})].some((h) => (h.textContent ?? "").includes(${JSON.stringify(marker)}))`;

function savesOf(api: ApiEntry): Save[] {
  const summary = "  summary: Get a list of existing checks\n";
  return [
    {
      label: "root title",
      file: `specs/${api.name}/openapi.yaml`,
      view: "",
      edit: (text, marker) => text.replace(/^( {2}title: )(.+)$/m, `$1$2 ${marker}`),
      shows: (marker) => inHeading("h1", marker),
    },
    {
      label: "$ref'd path file",
      file: `specs/${api.name}/paths/api/v1/checks/index.yaml`,
      view: "#/checks",
      edit: (text, marker) => text.replace(summary, `  summary: Get a list of existing checks ${marker}\n`),
      shows: (marker) => `(document.getElementById("redoc")?.textContent ?? "").includes(${JSON.stringify(marker)})`,
    },
  ];
}

/** Lines the dev process printed after `from` that match `pattern`, waited for up to `timeoutMs`. */
async function waitForLine(
  output: () => string,
  from: number,
  pattern: RegExp,
  timeoutMs = 120_000,
): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output().slice(from));
    if (match) return match;
    if (Date.now() > deadline)
      throw new Error(`npm run dev printed no line matching ${pattern}:\n${output().slice(from)}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Save → refreshed page of `npm run dev` (healthchecks: one source, three APIs built from it). */
export async function benchPreview(
  apis: ApiEntry[],
  runs: number,
  log: (line: string) => void,
  apiName = "healthchecks",
) {
  const { launchChromium } = await import("../testkit/browser.js");
  const { makeSandbox } = await import("../testkit/sandbox.js");
  const { startDevChild } = await import("../testkit/dev-child.js");
  const api = apis.find((a) => a.name === apiName)!;
  const box = makeSandbox({ withGenerated: true });
  const dev = await startDevChild(box.dir, apis);
  track(dev.child);
  const browser = await launchChromium("chromium"); // the browser a reader runs, not the tests' headless shell
  try {
    log(`\nLive preview (npm run dev, ${api.name}; headless Chromium; median of ${runs} saves each; ms):`);
    log(
      "save                 save → page   in dev: settle   lint   bundle   docs JSON   page render   then: generated/ + mocks",
    );
    const all: number[] = [];
    for (const save of savesOf(api)) {
      const file = join(box.dir, save.file);
      const original = readFileSync(file, "utf8");
      const page = await browser.newPage();
      await page.goto(new URL(`${api.name}.html${save.view}`, dev.docsUrl).href);
      await page.waitForFunction(`performance.getEntriesByName("redoc-rendered").length > 0`, undefined, {
        timeout: 60_000,
      });
      // The open page warms its source once (lint and bundle, printed by dev): the saves measured
      // are those of a reader who opened the page, as the reader whose page waits does.
      await waitForLine(dev.output, 0, new RegExp(`\\(${api.name}\\b[^)]*: ready for saves`));
      const rows: {
        total: number;
        settle: number;
        lint: number;
        bundle: number;
        docs: number;
        dev: number;
        rest: number;
      }[] = [];
      for (let i = 1; i <= runs; i++) {
        const marker = `(save ${i})`;
        const edited = save.edit(original, marker);
        if (edited === original)
          throw new Error(
            `${save.file}: the benchmark's edit no longer applies; update savesOf in scripts/bench/preview-bench.ts`,
          );
        const before = dev.output().length;
        const start = performance.now();
        writeFileSync(file, edited);
        await page.waitForFunction(save.shows(marker), undefined, { timeout: 60_000, polling: "raf" });
        const total = performance.now() - start;
        const line = await waitForLine(
          dev.output,
          before,
          new RegExp(
            `✔ ${api.name} rebuilt in (\\d+) ms \\(settle (\\d+) ms, lint (\\d+) ms, bundle (\\d+) ms, docs JSON (\\d+) ms\\)`,
          ),
        );
        const rest = await waitForLine(dev.output, before, /generated\/ and mocks? updated in (\d+) ms/);
        const [devMs, settle, lint, bundle, docs] = line.slice(1, 6).map(Number) as [
          number,
          number,
          number,
          number,
          number,
        ];
        rows.push({ total, settle, lint, bundle, docs, dev: devMs, rest: Number(rest[1]) });
      }
      await page.close();
      writeFileSync(file, original);
      await waitForLine(dev.output, dev.output().length, /generated\/ and mocks? updated in (\d+) ms/).catch(
        () => undefined,
      );
      const m = (k: keyof (typeof rows)[number]) => median(rows.map((r) => r[k]));
      const cell = (v: number, width: number) => v.toFixed(0).padStart(width);
      log(
        `${save.label.padEnd(20)} ${cell(m("total"), 12)}   ${cell(m("settle"), 14)}   ${cell(m("lint"), 4)}   ${cell(m("bundle"), 6)}   ${cell(m("docs"), 9)}   ${cell(m("total") - m("dev"), 11)}   ${cell(m("rest"), 22)}`,
      );
      log(`  runs: ${rows.map((r) => r.total.toFixed(0)).join(", ")}`);
      all.push(...rows.map((r) => r.total));
    }
    log(
      "  (page render: save → page minus the dev process's part: the file event, the page's fetch of its JSON and Redoc's render)",
    );
    recordGoal({
      name: "npm run dev: save → refreshed page, median",
      value: median(all),
      kind: "max",
      limit: 1000,
      unit: "ms",
    });
  } finally {
    await browser.close();
    await dev.stop();
    box.remove();
  }
}
