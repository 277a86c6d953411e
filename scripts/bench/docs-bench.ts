// Docs benchmark: per reference page, the bytes a reader downloads (the page's own HTML + JSON,
// and the shared files every page loads once) and the time until the page is visibly rendered
// in headless Chromium with a cold cache, median of `runs`: Chromium's own paint timings (first
// contentful paint, largest contentful paint = the page visibly rendered), when Redoc finished
// hydrating (interactive; our pages mark it) and the load event.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import type { ApiEntry } from "../registry/apis.js";
import { DOCS } from "../registry/generated-paths.js";
import { serveStatic } from "../serve/static-server.js";
import { median } from "./process.js";

interface PageFigures {
  own: number;
  shared: number;
  fcp: number;
  lcp: number;
  hydrated: number;
  load: number;
}

const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;
const ms = (value: number) => (value < 0 ? "-" : value.toFixed(0));

export async function benchDocs(apis: ApiEntry[], runs: number, log: (line: string) => void, dir = DOCS) {
  // Only tests depend on playwright-core's Chromium launcher; loaded here, not by `npm run bench` itself.
  const { launchChromium } = await import("../testkit/browser.js");
  const server = await serveStatic(dir, "127.0.0.1", 0);
  const browser = await launchChromium();
  try {
    log(`\nDocs (${dir}; headless Chromium, cold cache, median of ${runs}; ms from navigation start):`);
    log("page                 own HTML+JSON   shared (cacheable)   FCP   visible (LCP)   interactive   load");
    for (const api of apis) {
      const samples: PageFigures[] = [];
      for (let i = 0; i < runs; i++) samples.push(await measure(browser, new URL(`${api.name}.html`, server.url).href, api.name));
      const m = (k: keyof PageFigures) => median(samples.map((s) => s[k]));
      log(
        `${`${api.name}.html`.padEnd(20)} ${kib(m("own")).padStart(13)}   ${kib(m("shared")).padStart(18)}   ${ms(m("fcp")).padStart(4)}   ${ms(m("lcp")).padStart(13)}   ${ms(m("hydrated")).padStart(11)}   ${ms(m("load")).padStart(4)}`,
      );
    }
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile());
    log(`${dir}: ${files.length} top-level files, ${kib(files.reduce((n, f) => n + statSync(join(dir, f)).size, 0))}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

async function measure(browser: Awaited<ReturnType<typeof import("../testkit/browser.js").launchChromium>>, url: string, api: string): Promise<PageFigures> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  let own = 0;
  let shared = 0;
  page.on("response", async (res) => {
    const body = await res.body().catch(() => Buffer.alloc(0));
    const name = new URL(res.url()).pathname.split("/").pop() ?? "";
    if (name.startsWith(`${api}.`)) own += body.length;
    else shared += body.length;
  });
  await page.goto(url, { waitUntil: "load", timeout: 120_000 });
  await page.waitForLoadState("networkidle");
  await page.locator("h1").first().waitFor({ state: "visible" });
  // A string, not a function: tsx would wrap named functions in a helper the page does not have.
  const timing = (await page.evaluate(`new Promise((resolve) => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0];
    const hydrated = performance.getEntriesByName("redoc-hydrated")[0];
    const done = (lcp) => resolve({ fcp: fcp ? fcp.startTime : -1, lcp, hydrated: hydrated ? hydrated.startTime : -1, load: nav ? nav.loadEventEnd : -1 });
    // LCP entries are only delivered to an observer (buffered: the ones already recorded).
    new PerformanceObserver((list) => {
      const entries = list.getEntries();
      done(entries.length ? entries[entries.length - 1].startTime : -1);
    }).observe({ type: "largest-contentful-paint", buffered: true });
    setTimeout(() => done(-1), 2000);
  })`)) as Omit<PageFigures, "own" | "shared">;
  await context.close();
  return { own, shared, ...timing };
}
