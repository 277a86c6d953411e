// The build: generated/ is exactly what specs/ produce (drift fails), a rebuild reproduces it byte
// for byte, unchanged APIs are skipped (also when their inputs are known by the cache of
// modification times and sizes, scripts/generate/input-hashes.ts, and an edit keeps a file's size),
// and broken specs stop the build, naming file, location and rule, without touching any file (not
// even a valid change to another API).
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeSandbox, SANDBOX_COPIES, snapshot, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { freshBuild } from "../support/fresh-build.js";
import { keptPasses } from "../support/kept-passes.js";
import { bundlePath, generatedRoot } from "../../scripts/registry/generated-paths.js";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { listFiles } from "../../scripts/registry/files.js";

const sandboxes: Sandbox[] = [];
afterAll(() => sandboxes.forEach((s) => s.remove()));

function sandbox(withGenerated: boolean): Sandbox {
  const s = makeSandbox({ withGenerated });
  sandboxes.push(s);
  return s;
}

function diff(expected: Map<string, string>, actual: Map<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, content] of expected) {
    if (!actual.has(file)) problems.push(`missing: ${file}`);
    else if (actual.get(file) !== content) problems.push(`differs: ${file}`);
  }
  for (const file of actual.keys()) if (!expected.has(file)) problems.push(`unexpected: ${file}`);
  return problems;
}

/** Everything the fresh build reads of ours (what the sandbox copies) and of its tools (package-lock.json). */
function buildInputs(): string[] {
  return [...SANDBOX_COPIES, "package-lock.json"]
    .filter((item) => existsSync(join(ROOT, item)))
    .flatMap((item) => (statSync(join(ROOT, item)).isDirectory() ? listFiles(join(ROOT, item), ROOT) : [item]));
}

/** Adds an extension to a spec's info block: a valid change that makes its API rebuild. */
function touch(dir: string, file: string): () => void {
  const path = join(dir, file);
  const original = readFileSync(path, "utf8");
  writeFileSync(path, original.replace(/^info:\n/m, "info:\n  x-touched: true\n"));
  return () => writeFileSync(path, original);
}

describe("npm run build", () => {
  // The committed generated/ was written by the developer's build, the fresh one by this run's
  // (from specs/ alone, in a copy without generated/): equal means drift-free and reproducible.
  // Building every API takes seconds: a run whose inputs (every file the build reads, the tools by
  // package-lock.json, Node) and committed generated/ are those of a run where this passed need not
  // build again. Only passes are kept (test/support/kept-passes.ts); CI's fresh clone always builds.
  it("reproduces the committed generated/ exactly from specs/ (drift check)", async (ctx) => {
    const committed = snapshot(generatedRoot());
    const kept = keptPasses("drift-check", import.meta.filename);
    try {
      const passedBefore = kept.key([...committed].flat(), buildInputs());
      kept.skipIfPassed(passedBefore, ctx.skip);
      const build = await freshBuild();
      expect(
        diff(committed, snapshot(generatedRoot(build.dir))),
        "generated/ is stale: run `npm run build` and commit",
      ).toEqual([]);
      kept.pass(passedBefore);
    } finally {
      kept.release();
    }
  });

  it("skips unchanged APIs by content hash, sees an edit that keeps a file's size, rebuilds only the API whose spec changed, and rebuilds it back byte for byte", () => {
    const s = sandbox(true);
    const file = join(s.dir, "specs/healthchecks/openapi.yaml");
    // An hour old: old enough for the build's cache to keep its record (younger files are re-read),
    // so that the first build knows the file by modification time and size alone.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(file, hourAgo, hourAgo);
    const first = s.run("scripts/commands/build.ts", "--no-docs");
    expect(first.stdout, first.stderr).toContain("built nothing;");
    const original = readFileSync(file, "utf8");
    const edited = original.replace("The Healthchecks REST API lists", "The Healthchecks REST API LISTS");
    expect(edited).not.toBe(original);
    expect(edited.length).toBe(original.length);
    writeFileSync(file, edited);
    const one = s.run("scripts/commands/build.ts", "--no-docs");
    expect(one.status, one.stderr).toBe(0);
    // healthchecks-v2 and -v3 are derived from the same source, so they are rebuilt with it.
    const apis = loadApis();
    const root = apis.find((a) => a.name === "healthchecks")!.root;
    const built = apis.filter((a) => a.root === root).map((a) => a.name);
    const others = apis
      .map((a) => a.name)
      .filter((n) => !built.includes(n))
      .join(", ");
    expect(built).toEqual(["healthchecks", "healthchecks-v2", "healthchecks-v3"]);
    expect(one.stdout).toContain(`built ${built.join(", ")}; unchanged ${others}\n`);
    expect(readFileSync(bundlePath("healthchecks", s.dir), "utf8")).toContain("The Healthchecks REST API LISTS");
    // Back to the committed spec: a second build over existing output reproduces it exactly.
    writeFileSync(file, original);
    const back = s.run("scripts/commands/build.ts", "--no-docs");
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain(`built ${built.join(", ")};`);
    expect(diff(snapshot(generatedRoot()), snapshot(generatedRoot(s.dir)))).toEqual([]);
  });

  // Two broken APIs in one copy, each linted and built once (the other APIs are unchanged, so the
  // build skips them by hash); Lamplighter gets a valid change, built in memory and never written.
  it("specs with invalid YAML and a dangling $ref fail lint and build with file and location, and nothing is written", () => {
    const broken = [
      {
        api: "livebridge",
        file: "specs/livebridge/paths/api/v1/session.yaml",
        breakIt: (text: string) => `${text}\n  broken: [unclosed\n`,
        expect: /specs\/livebridge\/paths\/api\/v1\/session\.yaml:\d+:\d+/,
      },
      {
        api: "healthchecks",
        file: "specs/healthchecks/paths/api/v1/channels/index.yaml",
        breakIt: (text: string) =>
          text.replace(
            /\$ref: (['"]?)((?:\.\.\/)+)components\/responses\/[A-Za-z]+\.yaml\1/,
            "$ref: $2components/responses/DoesNotExist.yaml",
          ),
        expect: /specs\/healthchecks\/paths\/api\/v1\/channels\/index\.yaml:\d+:\d+ .*error \[no-unresolved-refs\]/,
      },
    ];
    const s = sandbox(true);
    const before = snapshot(generatedRoot(s.dir));
    for (const { file, breakIt } of broken) {
      const path = join(s.dir, file);
      const original = readFileSync(path, "utf8");
      const text = breakIt(original);
      expect(text, file).not.toBe(original);
      writeFileSync(path, text);
    }
    touch(s.dir, "specs/lamplighter/openapi.yaml");

    const lint = s.run("scripts/commands/lint.ts", ...broken.map((b) => b.api));
    expect(lint.status).toBe(1);
    for (const b of broken) expect(lint.stdout + lint.stderr).toMatch(b.expect);

    const build = s.run("scripts/commands/build.ts", "--no-docs");
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/nothing was written/);
    for (const b of broken) expect(build.stderr).toContain(b.file);
    expect(build.stderr, "a spec problem is reported as such, not as a crash").not.toMatch(/\n\s+at /);
    expect(diff(before, snapshot(generatedRoot(s.dir)))).toEqual([]);
  });
});
