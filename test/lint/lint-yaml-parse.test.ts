// A spec file that is not YAML: `npm run lint` and `npm run build` report it first, alone, at the
// line of the mistake, under [yaml-parse]; the follow-on findings (Redocly's no-unresolved-refs a
// line late, Spectral's parser noise, missing-field rules) wait until it parses.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeSandbox, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { yamlParseProblems } from "../../scripts/lint/yaml-parse.js";
import { loadApis } from "../../scripts/registry/apis.js";

const FILE = "specs/healthchecks/paths/api/v1/checks/index.yaml";
const original = readFileSync(join(import.meta.dirname, "../..", FILE), "utf8");
const lines = original.split("\n");
const summary = lines.findIndex((l) => l.startsWith("  summary: ")) + 1; // the listChecks summary, 1-based

/** The file with line `summary` rewritten by `edit`. */
const broken = (edit: (line: string) => string) => lines.map((l, i) => (i === summary - 1 ? edit(l) : l)).join("\n");

const CASES: [string, string, RegExp][] = [
  [
    "a key without its colon",
    broken((l) => l.replace("summary: ", "summary ")),
    /Implicit keys need to be on a single line/,
  ],
  ["a line indented one space too deep", broken((l) => ` ${l}`), /Indented deeper than line \d+, which opens no block/],
  ["a quote never closed", broken((l) => l.replace("summary: ", 'summary: "')), /Missing closing "quote/],
  ["a tab as indentation", broken((l) => l.replace(/^ {2}/, "\t")), /Tabs are not allowed as indentation/],
];

let box: Sandbox;
beforeAll(() => {
  box = makeSandbox({ withGenerated: true });
});
afterAll(() => box?.remove());

describe("a YAML syntax error in a spec", () => {
  it("finds no parse error in the specs as they are", () => {
    expect(loadApis().flatMap(yamlParseProblems)).toEqual([]);
  });

  it.each(CASES)("%s is reported at its own line", (_name, text, message) => {
    writeFileSync(join(box.dir, FILE), text);
    const api = loadApis(join(box.dir, "redocly.yaml")).find((a) => a.name === "healthchecks")!;
    const problems = yamlParseProblems(api);
    expect(problems).toHaveLength(1);
    // Named relative to this checkout (the sandbox is elsewhere): the path ends with the file.
    expect(problems[0]).toMatch(
      new RegExp(`/${FILE.replace(/[{}.]/g, "\\$&")}:${summary}:\\d+ error \\[yaml-parse\\] `),
    );
    expect(problems[0]).toMatch(message);
  });

  it("is the first and only finding of npm run lint and npm run build, with the others held back", () => {
    writeFileSync(join(box.dir, FILE), CASES[0]![1]);
    const lint = box.run("scripts/commands/lint.ts", "healthchecks");
    expect(lint.status, lint.stdout + lint.stderr).toBe(1);
    const findings = lint.stdout.split("\n").filter((l) => /^ {2}\S/.test(l));
    expect(findings[0]).toMatch(
      new RegExp(`^  yaml +${FILE.replace(/[{}.]/g, "\\$&")}:${summary}:3 error \\[yaml-parse\\] `),
    );
    expect(lint.stdout).toContain("the other rules run once every file parses");
    expect(lint.stdout).not.toMatch(/no-unresolved-refs|\[parser\]/);
    expect(lint.stdout).toContain("1 finding(s)");

    const build = box.run("scripts/commands/build.ts", "--no-docs");
    expect(build.status).toBe(1);
    expect(build.stderr).toContain(`healthchecks: 1 problem(s)\n  ${FILE}:${summary}:3 error [yaml-parse] `);
    expect(build.stderr).not.toContain("no-unresolved-refs");
  }, 120_000);
});
