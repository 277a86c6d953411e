// The build: generated/ is exactly what specs/ produce (drift fails), a rebuild reproduces it byte
// for byte, unchanged APIs are skipped, and broken specs stop the build, naming file, location and
// rule, without touching any file (not even a valid change to another API).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeSandbox, snapshot, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { freshBuild } from "../support/fresh-build.js";
import { bundlePath, generatedRoot } from "../../scripts/registry/generated-paths.js";
import { loadApis } from "../../scripts/registry/apis.js";

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
  it("reproduces the committed generated/ exactly from specs/ (drift check)", async () => {
    const build = await freshBuild();
    const committed = snapshot(generatedRoot());
    expect(
      diff(committed, snapshot(generatedRoot(build.dir))),
      "generated/ is stale: run `npm run build` and commit",
    ).toEqual([]);
  });

  it("skips unchanged APIs by content hash, rebuilds only the one whose spec changed, and rebuilds it back byte for byte", () => {
    const s = sandbox(true);
    const restore = touch(s.dir, "specs/healthchecks/openapi.yaml");
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
    expect(readFileSync(bundlePath("healthchecks", s.dir), "utf8")).toContain('"x-touched": true');
    // Back to the committed spec: a second build over existing output reproduces it exactly.
    restore();
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
