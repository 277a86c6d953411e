// `npm run proxy` and `npm run verify` check against the build's generated/<api>/openapi.dereferenced.json,
// not specs/ bundled again: in a copy of the project whose build is older than its specs, or
// lacks that file, each stops with one line telling the user to run `npm run build` (proxy exit
// 1, verify exit 2, as its other "cannot verify" errors), before listening or sending anything.
// (Both read it through scripts/serve/built-document.ts: one command per case is enough.)
import { execFile } from "node:child_process";
import { appendFileSync, cpSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatedDir, MANIFEST } from "../../scripts/registry/generated-paths.js";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";

let box: Sandbox;
beforeAll(() => {
  // The build of healthchecks only (and the manifest): livebridge's document is missing.
  box = makeSandbox({ withGenerated: false });
  cpSync(MANIFEST, join(box.dir, "generated/manifest.json"));
  cpSync(generatedDir("healthchecks"), generatedDir("healthchecks", box.dir), { recursive: true });
  appendFileSync(join(box.dir, "specs/healthchecks/openapi.yaml"), "# edited after the last build\n");
});
afterAll(() => box?.remove());

/** A script of the sandbox to its end: exit status, stderr trimmed, stdout. */
const run = (script: string, ...args: string[]) =>
  new Promise<{ status: number; stderr: string; stdout: string }>((done) => {
    const child = execFile(
      process.execPath,
      ["--import", "tsx/esm", script, ...args],
      { cwd: box.dir, timeout: 60_000 },
      (_error, stdout, stderr) => {
        done({ status: child.exitCode ?? -1, stderr: stderr.trim(), stdout });
      },
    );
  });

describe("the proxy and verify need a current build", () => {
  it("a stale build (npm run proxy: exit 1) or a missing document (npm run verify: exit 2) is one line naming npm run build", async () => {
    const [proxy, verify] = await Promise.all([
      run("scripts/commands/proxy.ts", "healthchecks", "http://127.0.0.1:1", "--port", "0"),
      run("scripts/commands/verify.ts", "livebridge", "http://127.0.0.1:1", "user", "password"),
    ]);
    expect(proxy).toEqual({
      status: 1,
      stdout: "",
      stderr:
        "generated/healthchecks/openapi.dereferenced.json is out of date with specs/, the generators or the tool versions: run `npm run build` first",
    });
    expect(verify).toEqual({
      status: 2,
      stdout: "",
      stderr: "generated/livebridge/openapi.dereferenced.json is missing: run `npm run build` first",
    });
  });
});
