// `npm run dev` in a throw-away copy: a saved spec change reaches the open reference page (it
// reloads with the new content), and a broken save shows the lint finding (file, line, rule) over
// the page while the last good build keeps being served.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { startDevChild, type DevChild } from "../../scripts/testkit/dev-child.js";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { freshBuild } from "../support/fresh-build.js";
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

it("reloads the page on a save, and shows a broken save's lint error over the last good build", async () => {
  const spec = join(sandbox.dir, "specs/healthchecks/openapi.yaml");
  const original = readFileSync(spec, "utf8");
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(new URL("healthchecks.html", dev.docsUrl).href);
  const title = page.locator("h1").first();
  await expect.poll(() => title.textContent(), { timeout: 30_000 }).toContain("Healthchecks REST API");

  writeFileSync(spec, original.replace("  title: Healthchecks REST API\n", "  title: Healthchecks Live Preview\n"));
  await expect.poll(() => title.textContent().catch(() => ""), { timeout: 60_000 }).toContain("Healthchecks Live Preview");
  expect(dev.output()).toMatch(/✔ healthchecks rebuilt in \d+ ms/);

  // An unknown property in info: both linters report it with file and line.
  writeFileSync(spec, original.replace("  title: Healthchecks REST API\n", "  title: Healthchecks Broken\n  colour: red\n"));
  const problem = page.locator("#dev-problem");
  await expect.poll(() => problem.textContent(), { timeout: 60_000 }).toMatch(/specs\/healthchecks\/openapi\.yaml:4:\d+/);
  expect(await problem.isVisible()).toBe(true);
  expect(await problem.textContent()).toMatch(/\[[\w-]+\]|struct/);
  expect(dev.output()).toMatch(/✘ healthchecks: \d+ lint finding/);
  // The last good build is still what the page (and a reload of it) shows.
  await page.reload();
  await expect.poll(() => title.textContent().catch(() => ""), { timeout: 30_000 }).toContain("Healthchecks Live Preview");
  await expect.poll(() => problem.isVisible()).toBe(true);

  // Fixing the file hides the problem and reloads.
  writeFileSync(spec, original);
  await expect.poll(() => title.textContent().catch(() => ""), { timeout: 60_000 }).toContain("Healthchecks REST API");
  await expect.poll(() => problem.isVisible()).toBe(false);
  expect(errors).toEqual([]);
  await page.close();
}, 240_000);
