// Every ```ts block of README.md compiles (all in one strict program, importing `openapi-five/<api>`
// as a clone resolves it through tsconfig.json's paths) and runs as written with tsx. The blocks
// name the mocks of `npm start` (127.0.0.1:<x-mock-port>); here each such URL is pointed at the
// test suite's own mock of that API (free ports), and credentials come from the environment as the
// blocks read them. A block that would reach any other host fails (test/support/loopback-only.ts).
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ROOT, loadApis } from "../scripts/lib/apis.js";
import { run } from "./support/run.js";

const blocks = [...readFileSync(resolve(ROOT, "README.md"), "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m, i) => ({ name: `block-${i + 1}.mts`, code: m[1]! }));
const work = mkdtempSync(join(tmpdir(), "readme-blocks-"));
// Blocks import packages a reader has installed (msw): resolve them from this project's node_modules.
symlinkSync(resolve(ROOT, "node_modules"), join(work, "node_modules"), "dir");
afterAll(() => rmSync(work, { recursive: true, force: true }));

const CREDENTIALS = { HC_API_KEY: "readme-key", LIGHTRUN_TOKEN: "readme-token", RUNCLOUD_TOKEN: "readme-token", LB_USER: "admin", LB_PASSWORD: "readme-password" };

/** The block with each `http://127.0.0.1:<x-mock-port>` replaced by that API's mock in this run. */
function pointAtTestMocks(code: string): string {
  const urls = inject("mockUrls");
  let out = code;
  for (const api of loadApis()) out = out.replaceAll(`http://127.0.0.1:${api.mockPort}`, urls[api.name]!.replace(/\/$/, ""));
  return out;
}

describe("README.md TypeScript blocks", () => {
  it("has blocks to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
  });

  it("all compile under the project's strict settings", () => {
    for (const { name, code } of blocks) writeFileSync(join(work, name), code);
    const tsconfig = {
      extends: resolve(ROOT, "tsconfig.json"),
      compilerOptions: { typeRoots: [resolve(ROOT, "node_modules/@types")] },
      include: ["*.mts"],
    };
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify(tsconfig));
    expect(run(process.execPath, [resolve(ROOT, "node_modules/typescript/bin/tsc"), "-p", join(work, "tsconfig.json"), "--pretty", "false"], { cwd: ROOT })).toBe("");
  });

  it.each(blocks)("$name runs against the local mocks", ({ name, code }) => {
    const file = join(work, `run-${name}`);
    writeFileSync(file, pointAtTestMocks(code));
    const args = ["--import", "tsx", "--import", resolve(ROOT, "test/support/loopback-only.ts"), file];
    run(process.execPath, args, { cwd: ROOT, env: { ...process.env, ...CREDENTIALS, TSX_TSCONFIG_PATH: resolve(ROOT, "tsconfig.json") } });
  });
});
