// The rendered references and the portal, as a reader sees them in headless Chromium: every page
// loads offline (no request leaves 127.0.0.1) without console errors, every operation's summary
// is visible, every portal link resolves. Screenshots go to test-results/screenshots/.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/lib/apis.js";
import { listOperations } from "../../scripts/lib/openapi.js";
import { renderPortal } from "../../scripts/lib/portal.js";
import { serveStatic, type StaticHandle } from "../../scripts/lib/static-server.js";
import { makeSandbox, type Sandbox } from "../../scripts/lib/sandbox.js";
import { launchChromium } from "./browser.js";

const SHOTS = resolve(ROOT, "test-results/screenshots");
const apis = loadApis();

let sandbox: Sandbox;
let server: StaticHandle;
let browser: Browser;

beforeAll(async () => {
  sandbox = makeSandbox({ withGenerated: true });
  const build = sandbox.run("scripts/build.ts");
  if (build.status !== 0) throw new Error(`docs build failed:\n${build.stdout}\n${build.stderr}`);
  const docsDir = join(sandbox.dir, "generated/docs");
  // Point the portal's mock links at this run's mocks (ephemeral ports), so they can be followed.
  const mockUrls = inject("mockUrls");
  const entries = apis.map((api) => ({
    api,
    doc: JSON.parse(readFileSync(join(sandbox.dir, "generated", api.name, "openapi.json"), "utf8")),
    mockUrl: `${mockUrls[api.name]}/`,
  }));
  writeFileSync(join(docsDir, "index.html"), renderPortal(entries));
  server = await serveStatic(docsDir, "127.0.0.1", 0);
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  sandbox?.remove();
});

interface Visit {
  page: Page;
  consoleErrors: string[];
  outside: string[];
}

async function visit(path: string): Promise<Visit> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const consoleErrors: string[] = [];
  const outside: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(err.message));
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  const response = await page.goto(new URL(path, server.url).href, { waitUntil: "networkidle" });
  expect(response?.status()).toBe(200);
  return { page, consoleErrors, outside };
}

describe("portal (index.html)", () => {
  it("lists every API with its links, offline, without console errors", async () => {
    const { page, consoleErrors, outside } = await visit("/");
    for (const api of apis) {
      const doc = JSON.parse(readFileSync(join(sandbox.dir, "generated", api.name, "openapi.json"), "utf8"));
      const card = page.locator(`article#${api.name}`);
      await expect.poll(() => card.isVisible()).toBe(true);
      expect(await card.textContent()).toContain(doc.info.title);
      expect(await card.textContent()).toContain(`${listOperations(doc).length} operation`);
    }
    await page.screenshot({ path: join(SHOTS, "portal.png"), fullPage: true });
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  });

  it("every portal link resolves", async () => {
    const { page } = await visit("/");
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(apis.length * 4);
    for (const href of new Set(hrefs)) {
      const res = await fetch(href);
      const isMock = apis.some((api) => href === `${inject("mockUrls")[api.name]}/`);
      // A mock's root is no operation: Prism answers it (404, "no path matched"); the server is up.
      if (isMock) expect(res.status, href).toBe(404);
      else expect(res.status, href).toBe(200);
    }
    await page.close();
  });
});

for (const api of apis) {
  describe(`${api.name} reference (${api.name}.html)`, () => {
    it("renders every operation offline, without console errors", async () => {
      const doc = JSON.parse(readFileSync(join(sandbox.dir, "generated", api.name, "openapi.json"), "utf8"));
      const { page, consoleErrors, outside } = await visit(`/${api.name}.html`);
      await page.locator("h1").first().waitFor();
      expect(await page.locator("h1").first().textContent()).toContain(doc.info.title);
      // Redoc 3 renders an operation when it is opened from the sidebar, whose tag groups start
      // collapsed; sidebar labels carry their text in data-text.
      const label = (text: string) => page.locator(`[role=listitem] span[data-text=${JSON.stringify(text)}]`).first();
      for (const { operation } of listOperations(doc)) {
        const entry = label(operation.summary);
        if (!(await entry.isVisible())) await label(operation.tags[0]).click();
        await entry.click();
        const heading = page.locator("h2", { hasText: operation.summary }).first();
        await heading.waitFor({ state: "visible" });
        expect(await heading.isVisible(), `summary "${operation.summary}" is visible`).toBe(true);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, `${api.name}.png`) });
      expect(consoleErrors).toEqual([]);
      expect(outside).toEqual([]);
      await page.close();
    }, 240_000); // RunCloud has 104 operations to open one by one
  });
}
