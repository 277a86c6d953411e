// A spec file that is not YAML: the check `npm run lint` and `npm run build` run first names each
// kind of mistake at its own line, under [yaml-parse]. (That both commands then report it alone,
// holding back the follow-on findings, Redocly's no-unresolved-refs a line late, Spectral's parser
// noise, missing-field rules: test/generate/build.test.ts, with its other broken specs.)
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { yamlParseProblems } from "../../scripts/lint/yaml-parse.js";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";

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

// The registry and the one spec folder the check reads, in a throw-away folder.
const box = mkdtempSync(join(tmpdir(), "yaml-parse-"));
cpSync(join(ROOT, "redocly.yaml"), join(box, "redocly.yaml"));
cpSync(join(ROOT, "specs/healthchecks"), join(box, "specs/healthchecks"), { recursive: true });
afterAll(() => rmSync(box, { recursive: true, force: true }));

describe("a YAML syntax error in a spec", () => {
  it("finds no parse error in the specs as they are", () => {
    expect(loadApis().flatMap(yamlParseProblems)).toEqual([]);
  });

  it.each(CASES)("%s is reported at its own line", (_name, text, message) => {
    writeFileSync(join(box, FILE), text);
    const api = loadApis(join(box, "redocly.yaml")).find((a) => a.name === "healthchecks")!;
    const problems = yamlParseProblems(api);
    expect(problems).toHaveLength(1);
    // Named relative to this checkout (the copy is elsewhere): the path ends with the file.
    expect(problems[0]).toMatch(
      new RegExp(`/${FILE.replace(/[{}.]/g, "\\$&")}:${summary}:\\d+ error \\[yaml-parse\\] `),
    );
    expect(problems[0]).toMatch(message);
  });
});
