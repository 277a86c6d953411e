// The build: generated/ is exactly what specs/ produce (drift fails), a rebuild reproduces it byte
// for byte, unchanged APIs are skipped (also when their inputs are known by the cache of
// modification times and sizes, scripts/generate/input-hashes.ts, and an edit keeps a file's size),
// and broken specs stop the build, naming file, location and rule, without touching any file (not
// even a valid change to another API): a spec that is not YAML is reported alone, under
// [yaml-parse], by lint and build alike; an error of the generate stage's second thread names the
// API and the generator's message. The tests after the drift check share one copy of the project,
// in order: each but the last leaves it as it found it (the last breaks specs for good).
import { existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeSandbox, SANDBOX_COPIES, snapshot, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { freshBuild } from "../support/fresh-build.js";
import { keptPasses } from "../support/kept-passes.js";
import { bundlePath, generatedRoot } from "../../scripts/registry/generated-paths.js";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { listFiles } from "../../scripts/registry/files.js";

let shared: Sandbox | undefined;
afterAll(() => shared?.remove());
/** The copy (with generated/) the tests below share, made when the first asks. */
const sandbox = (): Sandbox => (shared ??= makeSandbox({ withGenerated: true }));

/** Writes `change(text)` over `file` of the sandbox (the change must change something); returns
 * the text it had. */
function edit(file: string, change: (text: string) => string): string {
  const path = join(sandbox().dir, file);
  const original = readFileSync(path, "utf8");
  const text = change(original);
  expect(text, `${file}: the edit changes nothing`).not.toBe(original);
  writeFileSync(path, text);
  return original;
}

/** `edit`, then `check`; the file is put back whatever happens. */
function withEdit(file: string, change: (text: string) => string, check: () => void): void {
  const original = edit(file, change);
  try {
    check();
  } finally {
    writeFileSync(join(sandbox().dir, file), original);
  }
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
    const s = sandbox();
    const file = "specs/healthchecks/openapi.yaml";
    // An hour old: old enough for the build's cache to keep its record (younger files are re-read),
    // so that the first build knows the file by modification time and size alone.
    const hourAgo = new Date(Date.now() - 3_600_000);
    utimesSync(join(s.dir, file), hourAgo, hourAgo);
    const first = s.run("scripts/commands/build.ts", "--no-docs");
    expect(first.stdout, first.stderr).toContain("built nothing;");
    // healthchecks-v2 and -v3 are derived from the same source, so they are rebuilt with it.
    const apis = loadApis();
    const root = apis.find((a) => a.name === "healthchecks")!.root;
    const built = apis.filter((a) => a.root === root).map((a) => a.name);
    expect(built).toEqual(["healthchecks", "healthchecks-v2", "healthchecks-v3"]);
    const others = apis
      .map((a) => a.name)
      .filter((n) => !built.includes(n))
      .join(", ");
    withEdit(
      file,
      (original) => {
        const edited = original.replace("The Healthchecks REST API lists", "The Healthchecks REST API LISTS");
        expect(edited.length).toBe(original.length);
        return edited;
      },
      () => {
        const one = s.run("scripts/commands/build.ts", "--no-docs");
        expect(one.status, one.stderr).toBe(0);
        expect(one.stdout).toContain(`built ${built.join(", ")}; unchanged ${others}\n`);
        expect(readFileSync(bundlePath("healthchecks", s.dir), "utf8")).toContain("The Healthchecks REST API LISTS");
      },
    );
    // Back to the committed spec: a second build over existing output reproduces it exactly.
    const back = s.run("scripts/commands/build.ts", "--no-docs");
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain(`built ${built.join(", ")};`);
    expect(diff(snapshot(generatedRoot()), snapshot(generatedRoot(s.dir)))).toEqual([]);
  });

  it("a generator error on the generate thread fails the build naming the API and the cause, and nothing is written", () => {
    const s = sandbox();
    const before = snapshot(generatedRoot(s.dir));
    // Valid OpenAPI (lint-structure and bundle pass), but a query style the client cannot send.
    withEdit(
      "specs/lamplighter/components/parameters/NoteEmbed.yaml",
      (text) => text.replace("in: query\n", "in: query\nstyle: spaceDelimited\n"),
      () => {
        const build = s.run("scripts/commands/build.ts", "--no-docs");
        expect(build.status).toBe(1);
        expect(build.stderr).toMatch(/nothing was written/);
        expect(build.stderr).toMatch(/lamplighter: .*query parameter "embed" with style spaceDelimited/);
        expect(snapshot(generatedRoot(s.dir))).toEqual(before);
      },
    );
    // Back as it was: the build passes and changes nothing.
    const back = s.run("scripts/commands/build.ts", "--no-docs");
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain("built nothing;");
    expect(snapshot(generatedRoot(s.dir))).toEqual(before);
  });

  // Two broken APIs, each linted and built once (the other APIs are unchanged, so the build skips
  // them by hash); Lamplighter gets a valid change, built in memory and never written. Livebridge's
  // file is not YAML (a key without its colon): lint and build report that alone, at its line,
  // under [yaml-parse], holding back what would only follow from it (Redocly's no-unresolved-refs
  // a line late, Spectral's parser noise); every case of the YAML check is in lint-yaml-parse.test.ts.
  it("specs with invalid YAML and a dangling $ref fail lint and build with file and location, and nothing is written", () => {
    const notYaml = "specs/livebridge/paths/api/v1/session.yaml";
    const notYamlLine = "  summary: Log in and obtain a token";
    const dangling = "specs/healthchecks/paths/api/v1/channels/index.yaml";
    const s = sandbox();
    const before = snapshot(generatedRoot(s.dir));
    const line =
      edit(notYaml, (text) => text.replace(`${notYamlLine}\n`, `${notYamlLine.replace(": ", " ")}\n`))
        .split("\n")
        .indexOf(notYamlLine) + 1;
    edit(dangling, (text) =>
      text.replace(
        /\$ref: (['"]?)((?:\.\.\/)+)components\/responses\/[A-Za-z]+\.yaml\1/,
        "$ref: $2components/responses/DoesNotExist.yaml",
      ),
    );
    // A valid change: Lamplighter is built in memory, and never written.
    edit("specs/lamplighter/openapi.yaml", (text) => text.replace(/^info:\n/m, "info:\n  x-touched: true\n"));
    const at = `${notYaml.replace(/[.]/g, "\\.")}:${line}:\\d+ error \\[yaml-parse\\] Implicit keys need to be on a single line`;

    const lint = s.run("scripts/commands/lint.ts", "livebridge", "healthchecks");
    expect(lint.status).toBe(1);
    const output = lint.stdout + lint.stderr;
    expect(output).toMatch(
      new RegExp(
        `^✘ livebridge \\(.*\\): 1 finding\\(s\\)\n  yaml +${at}.*\n  \\(the other rules run once every file parses`,
        "m",
      ),
    );
    expect(output).toMatch(new RegExp(`${dangling.replace(/[.]/g, "\\.")}:\\d+:\\d+ .*error \\[no-unresolved-refs\\]`));
    expect(output.match(/no-unresolved-refs/g), "reported for the dangling $ref only").toHaveLength(1);
    expect(output).not.toMatch(/\[parser\]/);

    const build = s.run("scripts/commands/build.ts", "--no-docs");
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/nothing was written/);
    expect(build.stderr).toMatch(new RegExp(`^livebridge: 1 problem\\(s\\)\n  ${at}`, "m"));
    expect(build.stderr).toMatch(
      new RegExp(
        `^healthchecks: 1 problem\\(s\\)\n  ${dangling.replace(/[.]/g, "\\.")}:\\d+:\\d+ .*error \\[no-unresolved-refs\\]`,
        "m",
      ),
    );
    expect(build.stderr, "a spec problem is reported as such, not as a crash").not.toMatch(/\n\s+at /);
    expect(diff(before, snapshot(generatedRoot(s.dir)))).toEqual([]);
  });
});
