// The rendered references and the portal, as a reader sees them in headless Chromium: every page
// loads offline (no request leaves 127.0.0.1) without console errors, every operation is listed
// and a few open with their code samples, every portal link opens a page without errors. Screenshots go to test-results/screenshots/.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/lib/apis.js";
import { listOperations } from "../../scripts/lib/openapi.js";
import { renderMockPage } from "../../scripts/lib/mock-page.js";
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
  for (const { api, doc, mockUrl } of entries) writeFileSync(join(docsDir, `${api.name}-mock.html`), renderMockPage(api, doc, mockUrl));
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

  it("every portal link opens a page without errors; the mock pages' curl lines point at the mocks", async () => {
    const { page } = await visit("/");
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(apis.length * 4);
    await page.close();
    for (const href of new Set(hrefs)) {
      const path = new URL(href).pathname;
      // Bundles are downloads in a browser: fetched instead.
      if (!path.endsWith(".html") && !path.endsWith("/")) {
        expect((await fetch(href)).status, href).toBe(200);
        continue;
      }
      const target = await visit(path);
      expect(target.consoleErrors, href).toEqual([]);
      expect(target.outside, href).toEqual([]);
      await target.page.close();
    }
    // Each mock page lists every operation with a curl line against the mock (code-samples.test.ts
    // runs the same commands against the mocks).
    for (const api of apis) {
      const doc = JSON.parse(readFileSync(join(sandbox.dir, "generated", api.name, "openapi.json"), "utf8"));
      const { page: mockPage } = await visit(`/${api.name}-mock.html`);
      const lines = await mockPage.locator("pre").allTextContents();
      expect(lines.length).toBe(listOperations(doc).length);
      for (const line of lines) expect(line).toContain(`'${inject("mockUrls")[api.name]}/`);
      await mockPage.close();
    }
  }, 240_000); // five reference pages, each loading Redoc cold
});

for (const api of apis) {
  describe(`${api.name} reference (${api.name}.html)`, () => {
    it("renders every operation offline, without console errors", async () => {
      const doc = JSON.parse(readFileSync(join(sandbox.dir, "generated", api.name, "openapi.json"), "utf8"));
      const { page, consoleErrors, outside } = await visit(`/${api.name}.html`);
      await page.locator("h1").first().waitFor();
      expect(await page.locator("h1").first().textContent()).toContain(doc.info.title);
      // Redoc 3 lists an operation in the sidebar once its tag group is opened: open each group and
      // wait for its operations' summaries to be sidebar entries (a DOM query per tag, not a
      // click per operation). Clicks are dispatched: the sidebar moves while groups open.
      const operations = listOperations(doc);
      const label = (text: string) => page.locator(`[role=listitem] span[data-text=${JSON.stringify(text)}]`).first();
      const sidebar = () => page.locator("[role=listitem] span[data-text]").evaluateAll((spans) => spans.map((s) => s.getAttribute("data-text")));
      await page.waitForFunction(() => performance.getEntriesByName("redoc-hydrated").length > 0);
      const tags = [...new Set(operations.map(({ operation }) => operation.tags[0] as string))];
      for (const tag of tags) {
        await label(tag).dispatchEvent("click");
        const summaries = operations.filter(({ operation }) => operation.tags[0] === tag).map(({ operation }) => operation.summary);
        await expect.poll(async () => {
          const listed = await sidebar();
          return summaries.filter((s) => !listed.includes(s));
        }, { timeout: 10_000 }).toEqual([]);
      }
      // Open a few operations for real: the first, a middle and the last one, each with its curl sample.
      const picks = [...new Set([0, Math.floor(operations.length / 2), operations.length - 1])].map((i) => operations[i]!);
      for (const { operation } of picks) {
        // Its tag group may have been collapsed again while the page was busy: open it until listed.
        await expect.poll(async () => {
          if (!(await label(operation.summary).count())) await label(operation.tags[0]).dispatchEvent("click");
          return label(operation.summary).count();
        }, { timeout: 20_000, interval: 1000 }).toBeGreaterThan(0);
        await label(operation.summary).dispatchEvent("click");
        const heading = page.locator("h2", { hasText: operation.summary }).first();
        await heading.waitFor({ state: "visible" });
        const section = page.locator("section, div", { has: heading }).filter({ hasText: "curl" }).last();
        expect(await section.textContent(), `${operation.summary}: curl sample`).toMatch(/curl (-X \w+ |-I )?'http/);
      }
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: join(SHOTS, `${api.name}.png`) });
      expect(consoleErrors).toEqual([]);
      expect(outside).toEqual([]);
      await page.close();
    }, 120_000);
  });
}
