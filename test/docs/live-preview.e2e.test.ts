// `npm run dev` in a throw-away copy: an open reference page warms its source (and only it), a
// saved spec change reaches the page (it re-renders with the new content), and a broken save shows
// the lint finding (file, line, rule) over the page while the last good build keeps being served.
// What dev keeps warm between saves must not hide a save: one in a file the root $refs, an
// unchanged save, two saves in quick succession (the page and generated/ end at the second). No
// request of the page leaves 127.0.0.1 (Redoc's telemetry is off, as in the built pages).
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { startDevChild, type DevChild } from "../../scripts/testkit/dev-child.js";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { freshBuild } from "../support/fresh-build.js";
import { refuseOutside } from "../support/loopback-page.js";
import { launchChromium } from "../../scripts/testkit/browser.js";

let sandbox: Sandbox;
let dev: DevChild;
let browser: Browser;

beforeAll(async () => {
  sandbox = makeSandbox({ withGenerated: true });
  // The docs the run's fresh build rendered from these same specs: `npm run dev` finds them up
  // to date (by content hash) and starts without rendering every page again.
  cpSync(join((await freshBuild()).dir, "generated/docs"), join(sandbox.dir, "generated/docs"), { recursive: true });
  dev = await startDevChild(sandbox.dir, loadApis());
  browser = await launchChromium();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await dev?.stop();
  sandbox?.remove();
});

/** A new page that records its errors, and every request for another host than 127.0.0.1 (refused). */
async function openPage(): Promise<{ page: Page; errors: string[]; outside: string[] }> {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(`${err.message}\n${err.stack ?? ""}`));
  return { page, errors, outside: await refuseOutside(page) };
}

it("reloads the page on a save, and shows a broken save's lint error over the last good build", async () => {
  const spec = join(sandbox.dir, "specs/healthchecks/openapi.yaml");
  const original = readFileSync(spec, "utf8");
  const { page, errors, outside } = await openPage();
  await page.goto(new URL("healthchecks.html", dev.docsUrl).href);
  const title = page.locator("h1").first();
  await expect.poll(() => title.textContent(), { timeout: 30_000 }).toContain("Healthchecks REST API");
  // The open page warmed its source, and only it (the others wait for a page of theirs).
  await expect
    .poll(() => dev.output(), { timeout: 60_000 })
    .toMatch(/\(healthchecks, healthchecks-v2, healthchecks-v3: ready for saves, linted and bundled once in \d+ ms\)/);
  expect(dev.output().match(/ready for saves/g)).toHaveLength(1);

  writeFileSync(spec, original.replace("  title: Healthchecks REST API\n", "  title: Healthchecks Live Preview\n"));
  await expect
    .poll(() => title.textContent().catch(() => ""), { timeout: 60_000 })
    .toContain("Healthchecks Live Preview");
  expect(dev.output()).toMatch(/✔ healthchecks rebuilt in \d+ ms/);

  // An unknown property in info: both linters report it with file and line.
  writeFileSync(
    spec,
    original.replace("  title: Healthchecks REST API\n", "  title: Healthchecks Broken\n  colour: red\n"),
  );
  const problem = page.locator("#dev-problem");
  await expect
    .poll(() => problem.textContent(), { timeout: 60_000 })
    .toMatch(/specs\/healthchecks\/openapi\.yaml:4:\d+/);
  expect(await problem.isVisible()).toBe(true);
  expect(await problem.textContent()).toMatch(/\[[\w-]+\]|struct/);
  expect(dev.output()).toMatch(/✘ healthchecks: \d+ lint finding/);
  // The last good build is still what the page (and a reload of it) shows.
  await page.reload();
  await expect
    .poll(() => title.textContent().catch(() => ""), { timeout: 30_000 })
    .toContain("Healthchecks Live Preview");
  await expect.poll(() => problem.isVisible()).toBe(true);

  // Fixing the file hides the problem and reloads.
  writeFileSync(spec, original);
  await expect.poll(() => title.textContent().catch(() => ""), { timeout: 60_000 }).toContain("Healthchecks REST API");
  await expect.poll(() => problem.isVisible()).toBe(false);
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  await page.close();
}, 240_000);

/** Resolves once dev printed, after `from`, a rebuild of healthchecks and then that generated/ and
 * the mocks caught up with it (not an earlier save's catching up, printed after `from` too). */
async function caughtUp(from: number): Promise<void> {
  const done = () => {
    const after = dev.output().slice(from);
    const rebuilt = after.search(/✔ healthchecks rebuilt in/);
    return rebuilt >= 0 && /generated\/ and mocks? updated/.test(after.slice(rebuilt));
  };
  await expect.poll(done, { timeout: 120_000, interval: 100 }).toBe(true);
}

it("shows a save of a $ref'd file, survives an unchanged save, and ends two quick saves at the second", async () => {
  const pathFile = join(sandbox.dir, "specs/healthchecks/paths/api/v1/checks/index.yaml");
  const spec = join(sandbox.dir, "specs/healthchecks/openapi.yaml");
  const originalPath = readFileSync(pathFile, "utf8");
  const original = readFileSync(spec, "utf8");
  const { page, errors, outside } = await openPage();
  // Redoc renders a tag's operations once it is opened: the reader of the edited operation is there.
  await page.goto(new URL("healthchecks.html#/checks", dev.docsUrl).href);
  const text = () =>
    page
      .locator("#redoc")
      .textContent()
      .catch(() => "");
  const title = page.locator("h1").first();
  await expect.poll(text, { timeout: 30_000 }).toContain("Get a list of existing checks");

  // A file the root $refs: only it changed on disk.
  let from = dev.output().length;
  writeFileSync(
    pathFile,
    originalPath.replace(
      "  summary: Get a list of existing checks\n",
      "  summary: Get a list of existing checks, edited\n",
    ),
  );
  await expect.poll(text, { timeout: 60_000 }).toContain("Get a list of existing checks, edited");
  await caughtUp(from);
  expect(readFileSync(join(sandbox.dir, "generated/healthchecks/openapi.json"), "utf8")).toContain(
    "Get a list of existing checks, edited",
  );

  // An unchanged save: rebuilt and shown again, no finding.
  from = dev.output().length;
  writeFileSync(pathFile, readFileSync(pathFile, "utf8"));
  await expect
    .poll(() => /✔ healthchecks rebuilt in \d+ ms/.test(dev.output().slice(from)), { timeout: 60_000 })
    .toBe(true);
  await caughtUp(from);
  expect(dev.output().slice(from)).not.toContain("✘");
  expect(await text()).toContain("Get a list of existing checks, edited");
  expect(await page.locator("#dev-problem").isVisible()).toBe(false);

  // Two saves in quick succession: the page and generated/ end at the second.
  await page.goto(new URL("healthchecks.html", dev.docsUrl).href);
  await expect.poll(() => title.textContent().catch(() => ""), { timeout: 30_000 }).toContain("Healthchecks REST API");
  from = dev.output().length;
  writeFileSync(spec, original.replace("  title: Healthchecks REST API\n", "  title: Healthchecks First Save\n"));
  writeFileSync(spec, original.replace("  title: Healthchecks REST API\n", "  title: Healthchecks Second Save\n"));
  await expect
    .poll(() => title.textContent().catch(() => ""), { timeout: 60_000 })
    .toContain("Healthchecks Second Save");
  await caughtUp(from);
  expect(readFileSync(join(sandbox.dir, "generated/healthchecks/openapi.json"), "utf8")).toContain(
    '"title": "Healthchecks Second Save"',
  );
  expect(await title.textContent()).toContain("Healthchecks Second Save");

  writeFileSync(pathFile, originalPath);
  writeFileSync(spec, original);
  await expect.poll(() => title.textContent().catch(() => ""), { timeout: 60_000 }).toContain("Healthchecks REST API");
  expect(errors).toEqual([]);
  expect(outside).toEqual([]);
  await page.close();
}, 300_000);
