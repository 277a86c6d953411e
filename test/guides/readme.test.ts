// Every ```ts block of README.md runs as written with tsx (that each compiles, importing
// `openapi-five/<api>` as a clone resolves it through tsconfig.json's paths, is checked in
// typecheck.test.ts, in the project's one strict TypeScript program). The blocks
// name the mocks of `npm start` (127.0.0.1:<x-mock-port>); here each such URL is pointed at the
// test suite's own mock of that API (free ports), and credentials come from the environment as the
// blocks read them. A block that would reach any other host fails (test/support/loopback-only.ts).
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { readmeBlocks } from "../support/readme-blocks.js";
import { runAsync } from "../support/run.js";

const blocks = readmeBlocks();
const work = mkdtempSync(join(tmpdir(), "readme-blocks-"));
// Blocks import packages a reader has installed (msw): resolve them from this project's node_modules.
symlinkSync(resolve(ROOT, "node_modules"), join(work, "node_modules"), "dir");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CREDENTIALS = {
  HC_API_KEY: "readme-key",
  LIGHTRUN_TOKEN: "readme-token",
  RUNCLOUD_TOKEN: "readme-token",
  LB_USER: "admin",
  LB_PASSWORD: "readme-password",
};

/** The block with each `http://127.0.0.1:<x-mock-port>` replaced by that API's mock in this run. */
function pointAtTestMocks(code: string): string {
  const urls = inject("mockUrls");
  const byPort = new Map(loadApis().map((api) => [String(api.mockPort), urls[api.name]!.replace(/\/$/, "")]));
  // One pass over whole port numbers: replacing one port after another would also rewrite a test
  // mock's own URL whose ephemeral port starts with another default port (40135 holds 4013).
  return code.replace(/http:\/\/127\.0\.0\.1:(\d+)/g, (url, port: string) => byPort.get(port) ?? url);
}

describe("README.md TypeScript blocks", () => {
  it("has blocks to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  // Each block is a process of its own: they run side by side.
  it.concurrent.each(blocks)("$name runs against the local mocks", async ({ name, code }) => {
    const file = join(work, `run-${name}`);
    writeFileSync(file, pointAtTestMocks(code));
    const args = ["--import", "tsx", "--import", resolve(ROOT, "test/support/loopback-only.ts"), file];
    await runAsync(process.execPath, args, {
      cwd: ROOT,
      env: { ...process.env, ...CREDENTIALS, TSX_TSCONFIG_PATH: resolve(ROOT, "tsconfig.json") },
    });
  });
});
