// Each custom (and each hardened built-in) Spectral rule: the clean fixture passes every rule,
// and one deliberate break trips exactly that rule.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { ROOT } from "../../scripts/registry/apis.js";
import { createSpectral } from "../../scripts/lint/spectral.js";

const FIXTURE = resolve(ROOT, "test/fixtures/lint/clean.yaml");
type Doc = Record<string, any>;

const breaks: Record<string, (doc: Doc) => void> = {
  "operation-id-verb": (d) => (d.paths["/things"].get.operationId = "fetchThings"),
  "operation-operationId-unique": (d) => {
    d.paths["/others"] = { get: structuredClone(d.paths["/things"].get) };
  },
  "operation-summary-present": (d) => delete d.paths["/things"].get.summary,
  "operation-description": (d) => delete d.paths["/things"].get.description,
  "operation-tags": (d) => delete d.paths["/things"].get.tags,
  "operation-tag-defined": (d) => (d.paths["/things"].get.tags = ["Unknown"]),
  "auth-failure-declared": (d) => delete d.paths["/things"].post.responses["401"],
  "named-examples-present": (d) => delete d.paths["/things"].post.requestBody.content["application/json"].examples,
  "x-source-present": (d) => delete d.paths["/things"].get["x-source"],
  "oas3-1-no-nullable": (d) => (d.components.schemas.Thing.properties.note.nullable = true),
  "no-oas30-example-keyword-in-schema": (d) => (d.components.schemas.Thing.properties.name.example = "a"),
  "no-keywords-prism-ignores": (d) => (d.components.schemas.Thing.unevaluatedProperties = false),
  "oas3-valid-media-example": (d) =>
    (d.paths["/things"].get.responses["200"].content["application/json"].examples.one.value = { name: 1 }),
  "oas3-operation-security-defined": (d) => (d.paths["/things"].get.security = [{ missing: [] }]),
  "example-key-is-file-name": (d) => {
    const examples = d.paths["/things"].post.responses["201"].content["application/json"].examples;
    examples.created = examples.CreatedThing;
    delete examples.CreatedThing;
  },
  "path-file-matches-url": (d) => renamePath(d, "/things/{thingId}", "/thing/{thingId}"),
};

/** Moves a path item to another URL, keeping its place in `paths` (and so its `$ref`'d file). */
function renamePath(doc: Doc, from: string, to: string) {
  doc.paths = Object.fromEntries(Object.entries(doc.paths).map(([url, item]) => [url === from ? to : url, item]));
}

let lint: (doc: Doc) => Promise<string[]>;
let clean: Doc;

beforeAll(async () => {
  const spectral = await createSpectral();
  clean = parse(readFileSync(FIXTURE, "utf8"));
  lint = async (doc) => (await spectral.lintText(stringify(doc), FIXTURE)).map((f) => f.rule);
});

describe("Spectral ruleset (.spectral.yaml)", () => {
  it("passes the clean fixture with no finding at all", async () => {
    expect(await lint(clean)).toEqual([]);
  });

  for (const [rule, mutate] of Object.entries(breaks)) {
    it(`${rule}: one deliberate break trips exactly this rule`, async () => {
      const doc = structuredClone(clean);
      mutate(doc);
      expect([...new Set(await lint(doc))]).toEqual([rule]);
    });
  }

  it("x-source-present rejects an entry that names no source", async () => {
    const doc = structuredClone(clean);
    doc.paths["/things"].get["x-source"] = ["somewhere on the web"];
    expect([...new Set(await lint(doc))]).toEqual(["x-source-present"]);
  });

  it("operation-id-verb rejects a name that is not camelCase verb+Noun", async () => {
    const doc = structuredClone(clean);
    doc.paths["/things"].get.operationId = "list_things";
    expect([...new Set(await lint(doc))]).toEqual(["operation-id-verb"]);
  });

  it("path-file-matches-url names the file and the name it should have; a trailing slash is index.yaml", async () => {
    const spectral = await createSpectral();
    for (const [url, expected] of [
      ["/thing/{thingId}", "./paths/thing/{thingId}.yaml"],
      ["/things/{thingId}/", "./paths/things/{thingId}/index.yaml"],
    ] as const) {
      const doc = structuredClone(clean);
      renamePath(doc, "/things/{thingId}", url);
      const findings = (await spectral.lintText(stringify(doc), FIXTURE)).filter(
        (f) => f.rule === "path-file-matches-url",
      );
      expect(findings.map((f) => f.message)).toEqual([
        `path ${url} is in ./paths/things/{thingId}.yaml; its file must be ${expected} (the URL plus .yaml, a trailing slash as index.yaml)`,
      ]);
      expect(findings[0]?.file).toBe("test/fixtures/lint/clean.yaml");
    }
  });

  it("example-key-is-file-name names the operation, the key and the file", async () => {
    const doc = structuredClone(clean);
    breaks["example-key-is-file-name"]!(doc);
    const findings = (await (await createSpectral()).lintText(stringify(doc), FIXTURE)).filter(
      (f) => f.rule === "example-key-is-file-name",
    );
    expect(findings.map((f) => [f.file, f.message])).toEqual([
      [
        "test/fixtures/lint/examples/CreatedThing.yaml",
        'POST /things 201 application/json: example "created" is the file CreatedThing.yaml; use it under the key "CreatedThing" (or rename the file to created.yaml)',
      ],
    ]);
  });

  it("auth-failure-declared accepts a public operation without 401", async () => {
    const doc = structuredClone(clean);
    doc.paths["/things"].get.security = [];
    delete doc.paths["/things"].get.responses["401"];
    expect(await lint(doc)).toEqual([]);
  });
});
