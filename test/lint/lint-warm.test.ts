// The linters a long-lived process keeps warm (`npm run dev`, and `npm run lint` across its two
// passes): Spectral keeps parses by file content and validators by schema content, the YAML check
// keeps each file's verdict by content. A save must still be seen wherever it is: in a file the
// root $refs, in a schema that an unchanged example is validated against; an unchanged save gives
// the same findings; a parser diagnostic is reported on every run.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, type ApiEntry } from "../../scripts/registry/apis.js";
import { createSpectral, formatFinding, type SpectralLinter } from "../../scripts/lint/spectral.js";
import { startSpectralWorker, type SpectralWorker } from "../../scripts/lint/spectral-worker.js";
import { yamlParseProblems } from "../../scripts/lint/yaml-parse.js";

const ROOT_DOC = `openapi: 3.1.0
info:
  title: Things
  version: "1"
paths:
  /things:
    $ref: ./paths/things.yaml
`;
const PATH_ITEM = `get:
  responses:
    "200":
      description: The things.
      content:
        application/json:
          schema:
            $ref: ../components/Thing.yaml
          examples:
            one:
              value:
                name: a
`;
const SCHEMA = (type: string) => `type: object
properties:
  name:
    type: ${type}
`;

let dir: string;
let spectral: SpectralLinter;
let worker: SpectralWorker;
const file = (name: string) => join(dir, name);
const write = (name: string, text: string) => writeFileSync(file(name), text);
/** The findings of `rule` as `file:line:col [rule]`. */
const findings = async (linter: SpectralLinter, rule: string) =>
  (await linter.lintFile(file("openapi.yaml")))
    .filter((f) => f.rule === rule)
    .map((f) => `${f.file}:${f.line}:${f.column} [${f.rule}]`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "lint-warm-"));
  mkdirSync(file("paths"));
  mkdirSync(file("components"));
  write("openapi.yaml", ROOT_DOC);
  write("paths/things.yaml", PATH_ITEM);
  write("components/Thing.yaml", SCHEMA("string"));
  spectral = await createSpectral();
  worker = startSpectralWorker();
});

afterAll(async () => {
  await worker?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Spectral, warm", () => {
  it("sees a save of a $ref'd schema file although the example's file is unchanged, and back", async () => {
    expect(await findings(spectral, "oas3-valid-media-example")).toEqual([]);
    write("components/Thing.yaml", SCHEMA("integer"));
    const where = `${relative(ROOT, file("paths/things.yaml"))}:12:`;
    const broken = await findings(spectral, "oas3-valid-media-example");
    expect(broken).toHaveLength(1);
    expect(broken[0]).toContain(where);
    // An unchanged save: the same findings again.
    expect(await findings(spectral, "oas3-valid-media-example")).toEqual(broken);
    write("components/Thing.yaml", SCHEMA("string"));
    expect(await findings(spectral, "oas3-valid-media-example")).toEqual([]);
  });

  it("sees a save of a $ref'd path file (a new example that does not fit)", async () => {
    write("paths/things.yaml", PATH_ITEM.replace("                name: a\n", "                name: 7\n"));
    expect(await findings(spectral, "oas3-valid-media-example")).toHaveLength(1);
    write("paths/things.yaml", PATH_ITEM);
    expect(await findings(spectral, "oas3-valid-media-example")).toEqual([]);
  });

  it("reports a parser diagnostic of a $ref'd file on every run, not only the first", async () => {
    write("components/Thing.yaml", `${SCHEMA("string")}type: object\n`);
    const first = (await spectral.lintFile(file("openapi.yaml"))).filter((f) => f.rule === "parser").map(formatFinding);
    expect(first.length).toBeGreaterThan(0);
    expect(first.join("\n")).toContain(relative(ROOT, file("components/Thing.yaml")));
    const second = (await spectral.lintFile(file("openapi.yaml")))
      .filter((f) => f.rule === "parser")
      .map(formatFinding);
    expect(second).toEqual(first);
    write("components/Thing.yaml", SCHEMA("string"));
  });

  it("gives the same findings in a worker thread as in this one", async () => {
    write("components/Thing.yaml", SCHEMA("integer"));
    const here = (await spectral.lintFile(file("openapi.yaml"))).map(formatFinding);
    const there = (await worker.lintFile(file("openapi.yaml"))).map(formatFinding);
    expect(here.length).toBeGreaterThan(0);
    expect(there).toEqual(here);
    expect((await worker.lintText(ROOT_DOC, file("openapi.yaml"))).map(formatFinding)).toEqual(here);
    write("components/Thing.yaml", SCHEMA("string"));
  });
});

describe("the YAML check, warm", () => {
  it("reports a file broken by a save and forgets it once fixed", () => {
    const api = { name: "things", root: file("openapi.yaml") } as ApiEntry;
    expect(yamlParseProblems(api)).toEqual([]);
    write("paths/things.yaml", PATH_ITEM.replace("description: The things.", 'description: "The things.'));
    const problems = yamlParseProblems(api);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      new RegExp(
        `^${relative(ROOT, file("paths/things.yaml")).replace(/[.]/g, "\\.")}:\\d+:\\d+ error \\[yaml-parse\\]`,
      ),
    );
    expect(yamlParseProblems(api)).toEqual(problems);
    write("paths/things.yaml", PATH_ITEM);
    expect(yamlParseProblems(api)).toEqual([]);
  });
});
