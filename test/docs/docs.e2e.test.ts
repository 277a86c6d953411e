// The portal and the reference pages' first screen, as a reader sees them in headless Chromium:
// every page loads offline (no request leaves 127.0.0.1) without console errors, every portal link
// opens a page without errors. The first screen is in the page's HTML and shows without any
// script; Redoc and the definition load only on a reader's intent or a deep link, and a click made
// before Redoc answers is answered once it does; until then the page answers its sidebar itself (a
// click scrolls to a section the HTML holds and sets the hash), and a click is never answered
// twice. Every operation of each reference page: docs-reference.e2e.test.ts. Screenshots go to
// test-results/screenshots/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import { bundlePath } from "../../scripts/registry/generated-paths.js";
import { ACCESSIBILITY_CSS } from "../../scripts/docs/reference-page.js";
import { SHOTS, useDocsSite } from "../support/docs-site.js";

const apis = loadApis();
const site = useDocsSite();
// What loads before a reader does anything is checked in the browser itself, not in the tests'
// headless shell: the shell moves its pointer onto every page it loads (a pointermove at the top
// left corner, which no reader made), which the page takes for a reader's intent.
const BEFORE_INTENT = "chromium";

describe("portal (index.html)", () => {
  it("lists every API with its links, offline, without console errors", async () => {
    const { page, consoleErrors, outside } = await site.visit("/");
    for (const api of apis) {
      const doc = JSON.parse(readFileSync(bundlePath(api, site.built), "utf8"));
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
    const { page } = await site.visit("/");
    const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
    expect(hrefs.length).toBeGreaterThanOrEqual(apis.length * 4);
    await page.close();
    const mockPages = new Set<string>();
    for (const href of new Set(hrefs)) {
      const path = new URL(href).pathname;
      // Bundles are downloads in a browser: fetched instead.
      if (!path.endsWith(".html") && !path.endsWith("/")) {
        expect((await fetch(href)).status, href).toBe(200);
        continue;
      }
      // A reference page loads Redoc cold: each is opened once, by its own test below, which
      // checks the same (status 200, no console error, nothing outside 127.0.0.1) and more.
      if (apis.some((api) => path === `/${api.name}.html`)) continue;
      const target = await site.visit(path);
      expect(target.consoleErrors, href).toEqual([]);
      expect(target.outside, href).toEqual([]);
      // Each mock page lists every operation with a curl line against the mock (code-samples.test.ts
      // runs the same commands against the mocks).
      const api = apis.find((a) => path === `/${a.name}-mock.html`);
      if (api) {
        const doc = JSON.parse(readFileSync(bundlePath(api, site.built), "utf8"));
        const lines = await target.page.locator("pre").allTextContents();
        expect(lines.length, href).toBe(listOperations(doc).length);
        for (const line of lines) expect(line).toContain(`'${inject("mockUrls")[api.name]}/`);
        mockPages.add(api.name);
      }
      await target.page.close();
    }
    expect([...mockPages].sort(), "every API's mock page is linked").toEqual(apis.map((a) => a.name).sort());
  }, 240_000);
});

describe("the first screen, before Redoc", () => {
  it("every reference page shows its title, overview and sidebar with scripts off, styled by the page alone", async () => {
    const context = await site.browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 900 } });
    try {
      for (const api of apis) {
        const doc = JSON.parse(readFileSync(bundlePath(api, site.built), "utf8"));
        const page = await context.newPage();
        const requested: string[] = [];
        page.on("request", (r) => requested.push(new URL(r.url()).pathname));
        expect(
          (await page.goto(new URL(`${api.name}.html`, site.server.url).href, { waitUntil: "load" }))?.status(),
        ).toBe(200);
        const title = page.locator("h1").first();
        expect(await title.isVisible(), api.name).toBe(true);
        expect(await title.textContent()).toContain(doc.info.title);
        // The overview's first words, and every tag in the sidebar, as text of the page.
        const text = (await page.locator("#redoc").innerText()).replace(/\s+/g, " ");
        const firstWords = String(doc.info.description ?? "")
          .replace(/[*_`#>[\]]/g, " ")
          .replace(/\(([^)]*)\)/g, " ")
          .split(/\s+/)
          .filter((w) => /^[A-Za-z]{4,}$/.test(w))
          .slice(0, 3);
        for (const word of firstWords) expect(text, `${api.name}: "${word}" of the overview`).toContain(word);
        for (const tag of new Set(listOperations(doc).map(({ operation }) => operation.tags?.[0] as string))) {
          expect(
            await page.locator(`[role=listitem] span[data-text=${JSON.stringify(tag)}]`).count(),
            `${api.name}: tag ${tag} in the sidebar`,
          ).toBeGreaterThan(0);
        }
        // Styled by the page's own inline styles: a sidebar and a laid-out heading, no stylesheet fetched.
        expect(await page.locator("link[rel=stylesheet]").count()).toBe(0);
        expect(await title.evaluate((h) => getComputedStyle(h).fontSize)).not.toBe("32px"); // not the browser's default h1
        expect(requested.filter((p) => p.endsWith(".js") || p.endsWith(".json") || p.endsWith(".css"))).toEqual([]);
        // The accessibility fixes are in the page: the search box's text in warm grey 6 (#6e6f7a,
        // 4.8:1 on white), not Redoc's warm grey 5 (2.6:1).
        expect(await page.content()).toContain(ACCESSIBILITY_CSS);
        expect(
          await page
            .locator("[data-testid=search-trigger] span")
            .first()
            .evaluate((el) => getComputedStyle(el).color),
        ).toBe("rgb(110, 111, 122)");
        if (api.name === "runcloud" || api.name === "healthchecks")
          await page.screenshot({ path: join(SHOTS, `${api.name}-no-script.png`) });
        await page.close();
      }
    } finally {
      await context.close();
    }
  }, 120_000);

  it("Redoc's script and the definition wait for the reader's intent, then answer the click that asked", async () => {
    const { page, consoleErrors, outside } = await site.visit("/healthchecks.html", BEFORE_INTENT);
    const requested: string[] = [];
    page.on("request", (r) => requested.push(new URL(r.url()).pathname));
    await page.waitForTimeout(1000);
    expect(requested, "nothing loads before the reader does something").toEqual([]);
    expect(await page.evaluate(() => performance.getEntriesByName("redoc-requested").length)).toBe(0);
    // The search box is Redoc's: clicked before Redoc runs, the click loads it and is answered once it does.
    await page.click("[data-testid=search-trigger]");
    await page.waitForFunction(() => performance.getEntriesByName("redoc-hydrated").length > 0, undefined, {
      timeout: 60_000,
    });
    expect(requested.some((p) => /^\/redoc\.[0-9a-f]{12}\.js$/.test(p))).toBe(true);
    expect(requested).toContain("/healthchecks.json");
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName), { timeout: 10_000 }).toBe("INPUT");
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 90_000);

  /** The first overview section the server-rendered sidebar links to (`#/section/...`). */
  const firstSection = (page: Page) =>
    page
      .locator("#redoc [role=listitem] a[href^='#/section/']")
      .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
  const inView = (page: Page, href: string) =>
    page.evaluate(
      (id) => Math.abs(document.getElementById(id)?.getBoundingClientRect().top ?? Infinity) < 50,
      decodeURIComponent(href.slice(2)),
    );

  it("with Redoc's script blocked, a sidebar click scrolls its section into view and sets the hash", async () => {
    const { page, outside } = await site.visit("/healthchecks.html", BEFORE_INTENT);
    const blocked: string[] = [];
    await page.route(/\/redoc\.[0-9a-f]{12}\.js$/, (route) => (blocked.push(route.request().url()), route.abort()));
    const [first, second] = await firstSection(page);
    expect(first, "the sidebar links to overview sections").toMatch(/^#\/section\//);
    expect(await inView(page, first!)).toBe(false);
    const entries = await page.evaluate(() => history.length);
    await page.click(`#redoc a[href='${first}']`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(first);
    await expect.poll(() => inView(page, first!)).toBe(true);
    // A second entry, then back to the top: the page keeps answering while Redoc never arrives.
    await page.click(`#redoc a[href='${second}']`);
    await expect.poll(() => inView(page, second!)).toBe(true);
    await page.click("#redoc a[href='#/']");
    await expect.poll(() => page.evaluate(() => [location.hash, scrollY])).toEqual(["#/", 0]);
    expect((await page.evaluate(() => history.length)) - entries, "one history entry per click").toBe(3);
    expect(blocked.length, "the click asked for Redoc, which was refused").toBeGreaterThan(0);
    expect(await page.evaluate(() => performance.getEntriesByName("redoc-hydrated").length)).toBe(0);
    expect(outside).toEqual([]);
    await page.close();
  }, 60_000);

  it("with Redoc allowed, a click before and one after Redoc arrives are each answered once, the scroll position kept", async () => {
    const { page, consoleErrors, outside } = await site.visit("/healthchecks.html", BEFORE_INTENT);
    const [first, second] = await firstSection(page);
    const entries = await page.evaluate(() => history.length);
    // A click answered twice (by the page and by React, or by the browser's own hash jump) would add
    // two history entries.
    await page.click(`#redoc a[href='${first}']`);
    await expect.poll(() => inView(page, first!)).toBe(true);
    expect(
      await page.evaluate(() => performance.getEntriesByName("redoc-hydrated").length),
      "answered before Redoc",
    ).toBe(0);
    await page.waitForFunction(() => performance.getEntriesByName("redoc-hydrated").length > 0, undefined, {
      timeout: 60_000,
    });
    // Redoc took over where the reader is: the same hash, the section still in view.
    expect(await page.evaluate(() => location.hash)).toBe(first);
    expect(await inView(page, first!)).toBe(true);
    expect((await page.evaluate(() => history.length)) - entries).toBe(1);
    await page.click(`#redoc a[href='${second}']`);
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(second);
    await expect.poll(() => inView(page, second!)).toBe(true);
    await page.waitForTimeout(500);
    expect((await page.evaluate(() => history.length)) - entries, "one history entry per click").toBe(2);
    expect(consoleErrors).toEqual([]);
    expect(outside).toEqual([]);
    await page.close();
  }, 90_000);

  it("a deep link to an overview section shows it before Redoc, and Redoc keeps it", async () => {
    const { page: probe } = await site.visit("/healthchecks.html");
    const [, second] = await firstSection(probe);
    await probe.close();
    const page = await site.browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.route(/\/redoc\.[0-9a-f]{12}\.js$/, (route) => route.abort());
    await page.goto(new URL(`/healthchecks.html${second}`, site.server.url).href, { waitUntil: "load" });
    await expect.poll(() => inView(page, second!)).toBe(true);
    await page.close();
    const { page: full, consoleErrors } = await site.visit(`/healthchecks.html${second}`);
    await full.waitForFunction(() => performance.getEntriesByName("redoc-hydrated").length > 0, undefined, {
      timeout: 60_000,
    });
    await expect.poll(() => inView(full, second!)).toBe(true);
    expect(await full.evaluate(() => location.hash)).toBe(second);
    expect(consoleErrors).toEqual([]);
    await full.close();
  }, 90_000);

  it("a deep link loads Redoc at once and opens its section", async () => {
    const doc = JSON.parse(
      readFileSync(
        bundlePath(
          apis.find((a) => a.name === "runcloud")!,
          site.built,
        ),
        "utf8",
      ),
    );
    const tag = listOperations(doc)[0]!.operation.tags?.[0] as string;
    const { page: first } = await site.visit("/runcloud.html");
    const href = await first
      .locator(`[role=listitem] a:has(span[data-text=${JSON.stringify(tag)}])`)
      .first()
      .getAttribute("href");
    await first.close();
    expect(href).toMatch(/^#\//);
    const { page, consoleErrors } = await site.visit(`/runcloud.html${href}`);
    // No intent here: the hash alone loads Redoc.
    await page.waitForFunction(() => performance.getEntriesByName("redoc-hydrated").length > 0, undefined, {
      timeout: 60_000,
    });
    await expect
      .poll(
        () =>
          page.evaluate(
            (text) =>
              [...document.querySelectorAll("h1, h2")].some(
                (h) => (h.textContent ?? "").trim().startsWith(text) && Math.abs(h.getBoundingClientRect().top) < 300,
              ),
            tag,
          ),
        { timeout: 15_000 },
      )
      .toBe(true);
    expect(consoleErrors).toEqual([]);
    await page.close();
  }, 90_000);
});
