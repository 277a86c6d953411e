// Each reference page as a reader sees it in headless Chromium, once Redoc runs: it loads offline
// (no request leaves 127.0.0.1) without console errors, every operation is listed (one click per
// tag group) and a few open with their code samples. In a file of its own, apart from the portal
// and the first screen (docs.e2e.test.ts), so that the two run side by side. Screenshots go to
// test-results/screenshots/.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import type { SpecJson } from "../support/spec.js";
import { bundlePath } from "../../scripts/registry/generated-paths.js";
import { SHOTS, useDocsSite } from "../support/docs-site.js";

const apis = loadApis();
const site = useDocsSite();

// Two pages at a time (maxConcurrency of the e2e project, test/vitest.e2e.config.ts): much of a
// page's time is waiting for Redoc to list a group, which the other page's work fills. Each test
// asserts with its own context's expect.
describe.concurrent("reference pages", () => {
  for (const api of apis) {
    describe(`${api.name} reference (${api.name}.html)`, () => {
      it("renders every operation offline, without console errors", async ({ expect }) => {
        const doc = JSON.parse(readFileSync(bundlePath(api, site.built), "utf8"));
        const { page, consoleErrors, outside } = await site.visit(`/${api.name}.html`);
        await page.locator("h1").first().waitFor();
        expect(await page.locator("h1").first().textContent()).toContain(doc.info.title);
        // Redoc 3 lists an operation in the sidebar once its tag group is opened: open each group
        // (one dispatched click per tag, not one per operation) and wait until its operations'
        // summaries are sidebar entries; every operation must have been listed.
        const operations: SpecJson[] = listOperations(doc); // read as the page shows them: every tag and summary is there
        const label = (text: string) => page.locator(`[role=listitem] span[data-text=${JSON.stringify(text)}]`).first();
        const sidebar = () =>
          page
            .locator("[role=listitem] span[data-text]")
            .evaluateAll((spans) => spans.map((s) => s.getAttribute("data-text")));
        // Redoc loads on the reader's first intent: a pointer move.
        await page.mouse.move(640, 450);
        await page.waitForFunction(() => performance.getEntriesByName("redoc-hydrated").length > 0, undefined, {
          timeout: 60_000,
        });
        const tags = [...new Set(operations.map(({ operation }) => operation.tags[0] as string))];
        // Every summary seen in the sidebar so far: opening one group may close another.
        const seen = new Set<string | null>();
        const missingOf = async (wanted: typeof operations) => {
          for (const text of await sidebar()) seen.add(text);
          return wanted
            .filter(({ operation }) => !seen.has(operation.summary))
            .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
        };
        // One group at a time: click its label, then give a busy page time to list it. A click on a
        // group that is still opening closes it again, so a group is clicked again only after 10 s.
        for (const tag of tags) {
          const wanted = operations.filter(({ operation }) => operation.tags[0] === tag);
          for (let attempt = 0; attempt < 4 && (await missingOf(wanted)).length > 0; attempt++) {
            await label(tag).dispatchEvent("click");
            await expect
              .poll(() => missingOf(wanted), { timeout: 10_000, interval: 500 })
              .toEqual([])
              .catch(() => undefined);
          }
        }
        expect(await missingOf(operations)).toEqual([]);
        // Open a few operations for real: the first, a middle and the last one, each with its curl sample.
        const picks = [...new Set([0, Math.floor(operations.length / 2), operations.length - 1])].map(
          (i) => operations[i]!,
        );
        for (const { operation } of picks) {
          // Its tag group may have been collapsed again while the page was busy: open it until listed.
          // Listed and clicked in one step: between two steps a busy page may close the group again.
          await expect
            .poll(
              async () => {
                if (!(await label(operation.summary).count())) {
                  await label(operation.tags[0]).dispatchEvent("click");
                  return false;
                }
                return label(operation.summary)
                  .dispatchEvent("click", undefined, { timeout: 2_000 })
                  .then(
                    () => true,
                    () => false,
                  );
              },
              { timeout: 40_000, interval: 2000 },
            )
            .toBe(true);
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
});
