// The build: generated/ is exactly what specs/ produce (drift fails), two builds are byte-identical,
// and a broken spec stops the build, naming file, location and rule, without touching any file.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT } from "../scripts/lib/apis.js";
import { makeSandbox, snapshot, type Sandbox } from "../scripts/lib/sandbox.js";

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

describe("npm run build", () => {
  it("reproduces the committed generated/ exactly from specs/ (drift check), twice identically", () => {
    const s = sandbox(false);
    const first = s.run("scripts/build.ts", "--no-docs");
    expect(first.status, first.stderr).toBe(0);
    const built = snapshot(join(s.dir, "generated"));
    const committed = snapshot(join(ROOT, "generated"));
    expect(diff(committed, built), "generated/ is stale: run `npm run build` and commit").toEqual([]);

    const second = s.run("scripts/build.ts", "--no-docs", "--force");
    expect(second.status, second.stderr).toBe(0);
    expect(diff(built, snapshot(join(s.dir, "generated")))).toEqual([]);
  });

  it("skips unchanged APIs by content hash and rebuilds only the one whose spec changed", () => {
    const s = sandbox(true);
    const noop = s.run("scripts/build.ts", "--no-docs");
    expect(noop.stdout).toMatch(/built nothing/);
    const file = join(s.dir, "specs/healthchecks/openapi.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace(/^info:\n/m, "info:\n  x-touched: true\n"));
    const one = s.run("scripts/build.ts", "--no-docs");
    expect(one.status, one.stderr).toBe(0);
    expect(one.stdout).toMatch(/built healthchecks;/);
  });

  it.each([
    {
      what: "invalid YAML",
      file: "specs/livebridge/paths/api/v1/session.yaml",
      breakIt: (text: string) => `${text}\n  broken: [unclosed\n`,
      expect: /specs\/livebridge\/paths\/api\/v1\/session\.yaml:\d+:\d+/,
    },
    {
      what: "a dangling $ref",
      file: "specs/healthchecks/paths/api/v1/channels/index.yaml",
      breakIt: (text: string) => text.replace(/\$ref: (['"]?)((?:\.\.\/)+)components\/responses\/[A-Za-z]+\.yaml\1/, "$ref: $2components/responses/DoesNotExist.yaml"),
      expect: /specs\/healthchecks\/paths\/api\/v1\/channels\/index\.yaml:\d+:\d+ .*error \[no-unresolved-refs\]/,
    },
  ])("a spec with $what fails lint and build with file and location, and writes nothing", ({ file, breakIt, expect: pattern }) => {
    const s = sandbox(true);
    const path = join(s.dir, file);
    const original = readFileSync(path, "utf8");
    const broken = breakIt(original);
    expect(broken).not.toBe(original);
    writeFileSync(path, broken);
    const before = snapshot(join(s.dir, "generated"));

    const lint = s.run("scripts/lint.ts");
    expect(lint.status).toBe(1);
    expect(lint.stdout + lint.stderr).toMatch(pattern);

    const build = s.run("scripts/build.ts", "--no-docs", "--force");
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/nothing was written/);
    expect(build.stderr).toContain(file);
    expect(build.stderr, "a spec problem is reported as such, not as a crash").not.toMatch(/\n\s+at /);
    expect(diff(before, snapshot(join(s.dir, "generated")))).toEqual([]);
  });
});
