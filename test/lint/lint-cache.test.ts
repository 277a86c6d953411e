// `npm run lint`'s cache of clean results (scripts/lint/lint-cache.ts), in a sandbox: the key changes
// with every input that can change a finding, a failing lint is never kept (a broken spec is
// reported on every run), and --no-cache lints what the cache says is clean. The keys are computed
// by the sandbox's own copy of the module (its ROOT is the sandbox), so that only the runs that
// show the command's behaviour spawn it; test/lint/lint.test.ts shows a real clean lint is kept.
import { appendFileSync, copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { ROOT } from "../../scripts/registry/apis.js";

type CacheModule = typeof import("../../scripts/lint/lint-cache.js");
type Registry = typeof import("../../scripts/registry/apis.js");

const API = "healthchecks-ping";
/** A file the API's root does not name: it is reached only through another file's $ref. */
const REFERENCED = "specs/healthchecks-ping/components/examples/JobOutput.yaml";
const HIT = "(unchanged since its last clean lint, not linted again)";

let box: Sandbox;
let sandboxed: { cache: CacheModule; registry: Registry };
const path = (file: string) => join(box.dir, file);
/** The sandbox's key for the API as its files are now. */
const keyNow = () => {
  const api = sandboxed.registry.loadApis().find((a) => a.name === API)!;
  return new sandboxed.cache.LintCache().inputs(api).key;
};
const stored = () => JSON.parse(readFileSync(sandboxed.cache.LINT_CACHE, "utf8")) as Record<string, string>;
const lint = (...args: string[]) => {
  const run = box.run("scripts/commands/lint.ts", API, ...args);
  return { ...run, line: run.stdout.split("\n").find((l) => l.includes(` ${API} (`)) ?? run.stdout + run.stderr };
};

beforeAll(async () => {
  box = makeSandbox({ withGenerated: true });
  copyFileSync(join(ROOT, "package-lock.json"), path("package-lock.json"));
  const load = (file: string) => import(pathToFileURL(path(file)).href);
  sandboxed = { cache: await load("scripts/lint/lint-cache.ts"), registry: await load("scripts/registry/apis.ts") };
});
afterAll(() => box?.remove());

describe("the lint cache's key", () => {
  it.each([
    ["a spec file reached only by $ref", REFERENCED, "# edited\n"],
    ["the Spectral ruleset", ".spectral.yaml", "# edited\n"],
    ["Redocly's rules and the registry", "redocly.yaml", "# edited\n"],
    ["a Spectral function", "scripts/lint/spectral-functions/xSource.js", "// edited\n"],
    ["the lockfile (exact tool versions)", "package-lock.json", "\n"],
    ["the bundler lint.ts imports", "scripts/generate/bundle.ts", "// edited\n"],
    ["the bundle that is linted", `generated/${API}/openapi.json`, "\n"],
  ])("changes with %s, and is back when it is", (_what, file, addition) => {
    const before = keyNow();
    const original = readFileSync(path(file));
    appendFileSync(path(file), addition);
    try {
      expect(keyNow()).not.toBe(before);
    } finally {
      writeFileSync(path(file), original);
    }
    expect(keyNow()).toBe(before);
  });

  it("is over lint's own code, found through its imports", () => {
    const code = sandboxed.cache.lintCode();
    for (const file of [
      "scripts/commands/lint.ts",
      "scripts/lint/spectral.ts",
      "scripts/lint/redocly-lint.ts",
      "scripts/lint/spectral-functions/xSource.js",
      "scripts/generate/bundle.ts",
      "scripts/generate/api-versions.ts",
      "scripts/registry/redocly-config.ts",
    ])
      expect(code).toContain(file);
  });

  it("reaches that file only by $ref", () => {
    expect(readFileSync(path(`specs/${API}/openapi.yaml`), "utf8")).not.toContain("JobOutput");
    expect(readFileSync(path(`specs/${API}/components/requestBodies/PingBody.yaml`), "utf8")).toContain(
      "examples/JobOutput.yaml",
    );
  });
});

describe("npm run lint with the cache", () => {
  it("trusts a clean result under the current key, never keeps a failure, and --no-cache lints anyway", () => {
    // A clean result recorded under the key of the files as they are: not linted again.
    writeFileSync(sandboxed.cache.LINT_CACHE, JSON.stringify({ [API]: keyNow() }));
    const hit = lint();
    expect(hit.status, hit.stdout + hit.stderr).toBe(0);
    expect(hit.line).toBe(`✔ ${API} (specs/${API}/openapi.yaml): 0 errors, 0 warnings ${HIT}`);

    // A save that breaks a file reached only by $ref: linted, reported, and forgotten.
    appendFileSync(path(REFERENCED), 'description: "never closed\n');
    const broken = lint();
    expect(broken.status).toBe(1);
    expect(broken.line).toBe(`✘ ${API} (specs/${API}/openapi.yaml): 1 finding(s)`);
    expect(broken.stdout).toContain(`${REFERENCED}:`);
    expect(stored()).not.toHaveProperty(API);
    // Reported again on the next run.
    const again = lint();
    expect(again.status).toBe(1);
    expect(again.stdout).toBe(broken.stdout);

    // Were the broken state recorded as clean (a cache that lies), --no-cache still lints it.
    writeFileSync(sandboxed.cache.LINT_CACHE, JSON.stringify({ [API]: keyNow() }));
    expect(lint().line).toContain(HIT);
    const forced = lint("--no-cache");
    expect(forced.status).toBe(1);
    expect(forced.stdout).toBe(broken.stdout);
    expect(stored()).not.toHaveProperty(API);
  }, 60_000);
});
