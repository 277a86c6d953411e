// The rendered docs of the run's fresh build (test/support/global-setup.ts), served from a copy on
// 127.0.0.1 with the portal's and mock pages' mock links pointed at this run's mocks, and Chromium
// to visit them (the file's build, and another only if a visit asks for it), for the docs'
// end-to-end files (test/docs/docs*.e2e.test.ts).
// A visit records console errors and refuses every request leaving 127.0.0.1.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, inject } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { renderMockPage } from "../../scripts/docs/mock-page.js";
import { renderPortal } from "../../scripts/docs/portal.js";
import { replaceDocsFile } from "../../scripts/docs/precompress.js";
import { serveStatic, type StaticHandle } from "../../scripts/serve/static-server.js";
import { freshBuild } from "./fresh-build.js";
import { refuseOutside } from "./loopback-page.js";
import { launchChromium, type BrowserBuild } from "../../scripts/testkit/browser.js";
import { bundlePath } from "../../scripts/registry/generated-paths.js";

export const SHOTS = resolve(ROOT, "test-results/screenshots");

export interface Visit {
  page: Page;
  consoleErrors: string[];
  outside: string[];
}

export interface DocsSite {
  /** The fresh build's project folder (read-only). */
  readonly built: string;
  /** The file's Chromium build (useDocsSite's `build`). */
  readonly browser: Browser;
  readonly server: StaticHandle;
  /** Opens `path` in a new page of `build` (the file's own by default; another is launched on first
   * use and closed with it). */
  visit(path: string, build?: BrowserBuild): Promise<Visit>;
}

/** Registers the file's beforeAll/afterAll that build, serve and launch; the handle's fields are
 * set once beforeAll has run. `build`: the Chromium build to launch (scripts/testkit/browser.ts). */
export function useDocsSite(build: BrowserBuild = "headless-shell"): DocsSite {
  const apis = loadApis();
  let built: string;
  let docsDir: string;
  let server: StaticHandle;
  let browser: Browser;
  const launched = new Map<BrowserBuild, Promise<Browser>>();
  const browserOf = (which: BrowserBuild) => {
    if (!launched.has(which)) {
      const launching = launchChromium(which);
      launching.catch(() => undefined); // awaited by its user; a failed build must not leave it unhandled
      launched.set(which, launching);
    }
    return launched.get(which)!;
  };

  beforeAll(async () => {
    // Chromium starts while the fresh build may still be running (closed in afterAll either way).
    const launching = browserOf(build);
    built = (await freshBuild()).dir;
    // A copy: the portal and mock pages are rewritten below, and the build is shared.
    docsDir = mkdtempSync(join(tmpdir(), "docs-test-"));
    cpSync(join(built, "generated/docs"), docsDir, { recursive: true });
    // Point the portal's mock links at this run's mocks (ephemeral ports), so they can be followed.
    const mockUrls = inject("mockUrls");
    const entries = apis.map((api) => ({
      api,
      doc: JSON.parse(readFileSync(bundlePath(api, built), "utf8")),
      mockUrl: `${mockUrls[api.name]}/`,
    }));
    replaceDocsFile(join(docsDir, "index.html"), renderPortal(entries));
    for (const { api, doc, mockUrl } of entries)
      replaceDocsFile(join(docsDir, `${api.name}-mock.html`), renderMockPage(api, doc, mockUrl));
    server = await serveStatic(docsDir, "127.0.0.1", 0);
    browser = await launching;
    mkdirSync(SHOTS, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    for (const launching of launched.values()) await (await launching.catch(() => undefined))?.close();
    await server?.close();
    if (docsDir) rmSync(docsDir, { recursive: true, force: true });
  });

  return {
    get built() {
      return built;
    },
    get browser() {
      return browser;
    },
    get server() {
      return server;
    },
    async visit(path, which = build) {
      const page = await (await browserOf(which)).newPage({ viewport: { width: 1280, height: 900 } });
      const consoleErrors: string[] = [];
      page.on("console", (msg) => {
        if (msg.type() === "error") consoleErrors.push(msg.text());
      });
      page.on("pageerror", (err) => consoleErrors.push(err.message));
      const outside = await refuseOutside(page);
      const response = await page.goto(new URL(path, server.url).href, { waitUntil: "networkidle" });
      expect(response?.status()).toBe(200);
      return { page, consoleErrors, outside };
    },
  };
}
