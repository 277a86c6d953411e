// package.json's `exports` and `files` are written by hand and checked here against what the
// registry (redocly.yaml) and generated/ require (scripts/generate/package-exports.ts); the build never
// rewrites package.json.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { expectedExports, packageJsonMismatches } from "../../scripts/generate/package-exports.js";

const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
const apis = loadApis();

describe("package.json exports and files", () => {
  it("match the registry: every API's client, documents and MSW handlers, the runtime and the mock engine", () => {
    expect(packageJsonMismatches(pkg, apis), "edit package.json's exports/files as listed").toEqual([]);
  });

  it("point only at files that exist in generated/ (the dist/ targets are checked by test/release/package.e2e.test.ts)", () => {
    // Condition objects nest (the MSW subpaths' types: require / default).
    const paths = (t: unknown): string[] =>
      typeof t === "string" ? [t] : Object.values(t as Record<string, unknown>).flatMap(paths);
    const targets = Object.values(expectedExports(apis)).flatMap(paths);
    const missing = targets.filter((t) => !t.startsWith("./dist/") && !existsSync(resolve(ROOT, t)));
    expect(missing).toEqual([]);
  });

  it("reach the runtime only through its public index: no subpath or pattern leads to runtime/internal.js or another runtime module", () => {
    const paths = (t: unknown): string[] =>
      typeof t === "string" ? [t] : Object.values(t as Record<string, unknown>).flatMap(paths);
    for (const exports of [pkg.exports as Record<string, unknown>, expectedExports(apis)]) {
      expect(
        Object.keys(exports).filter((key) => key.includes("*")),
        "a subpath pattern would expose files no export names",
      ).toEqual([]);
      const runtimeTargets = Object.entries(exports).flatMap(([key, target]) =>
        paths(target)
          .filter((t) => t.includes("/runtime/"))
          .map((t) => `${key} → ${t}`),
      );
      expect(runtimeTargets).toEqual(["./runtime → ./dist/runtime/index.d.ts", "./runtime → ./dist/runtime/index.js"]);
    }
  });

  it("names each missing, extra and differing entry", () => {
    const [first, ...rest] = apis;
    const exports = { ...pkg.exports, "./extra": "./extra.js", [`./${first!.name}`]: "./wrong.js" };
    delete exports["./runtime"];
    expect(packageJsonMismatches({ exports, files: [...pkg.files.slice(1), "src/"] }, [first!, ...rest])).toEqual([
      `exports: "./${first!.name}" differs: "./wrong.js", expected {"types":"./dist/${first!.name}/index.d.ts","default":"./dist/${first!.name}/index.js"}`,
      `exports: missing "./runtime": {"types":"./dist/runtime/index.d.ts","default":"./dist/runtime/index.js"}`,
      `exports: extra "./extra"`,
      `files: missing "dist/"`,
      `files: extra "src/"`,
    ]);
  });
});
