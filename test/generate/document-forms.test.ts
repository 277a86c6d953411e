// Every form of each API's document that the build writes (bundled 3.1, dereferenced 3.1, 3.0.3
// variant) is valid for its own OpenAPI version by a validator we did not write
// (@seriousme/openapi-schema-validator), and says the same as the bundle: the dereferenced form
// equals Redocly's own dereference, the 3.0 variant keeps every example and no 3.1-only keyword.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT, getApi, loadApis } from "../../scripts/registry/apis.js";
import { bundleSource, documentOf } from "../../scripts/generate/bundle.js";
import type { OpenApiDocument } from "../../scripts/openapi/openapi-document.js";
import { dereferenceDocument } from "../../scripts/generate/dereference.js";
import { toOpenApi30 } from "../../scripts/generate/openapi30.js";
import { DOCUMENT_FORMS } from "../../scripts/generate/package-exports.js";
import { forEachSchema } from "../../scripts/openapi/schema-walk.js";
import { generatedFile } from "../../scripts/registry/generated-paths.js";
import type { createSpectral, SpectralFinding } from "../../scripts/lint/spectral.js";
import type { SpecJson } from "../support/spec.js";
import { keptPasses } from "../support/kept-passes.js";

const apis = loadApis();
type Linter = Awaited<ReturnType<typeof createSpectral>>;
const read = (api: string, file: string) => readFileSync(generatedFile(api, file), "utf8");
const readJson = (api: string, file: string): SpecJson => JSON.parse(read(api, file));

// One validator for every document: it compiles each OpenAPI version's schema once, on first use.
const validator = new Validator({ allErrors: true });

async function validate(doc: SpecJson): Promise<string[]> {
  const result = await validator.validate(structuredClone(doc));
  if (result.valid) return [];
  return Array.isArray(result.errors)
    ? result.errors.map((e) => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
    : [String(result.errors)];
}

// Redocly's dereference of each source, once per source (Healthchecks' versions share theirs), then
// each API's version derived from it as the build does (bundle.ts bundleApi, in two steps).
const dereferencedSources = new Map<string, Promise<OpenApiDocument>>();
async function redoclyDereference(name: string): Promise<OpenApiDocument> {
  const api = getApi(name);
  const source = dereferencedSources.get(api.root) ?? bundleSource(api, { dereference: true });
  dereferencedSources.set(api.root, source);
  return documentOf(api, await source);
}

function countRefs(node: unknown): number {
  if (Array.isArray(node)) return node.reduce((n: number, x) => n + countRefs(x), 0);
  if (node === null || typeof node !== "object") return 0;
  return Object.entries(node).reduce((n, [k, v]) => n + (k === "$ref" ? 1 : countRefs(v)), 0);
}

/** Every example a reader sees: components.examples and each media type's `example`/`examples`. */
function examplesOf(doc: OpenApiDocument): unknown[] {
  const found: unknown[] = [doc.components?.examples];
  const visit = (node: unknown, key: string): void => {
    if (node === null || typeof node !== "object") return;
    if (key === "content") for (const media of Object.values(node)) found.push([media?.example, media?.examples]);
    for (const [k, v] of Object.entries(node)) if (k !== "example" && k !== "examples") visit(v, k);
  };
  visit(doc.paths, "paths");
  visit(doc.components, "components");
  return found;
}

/** 3.1-only schema keywords and keyword forms found in a document, as `keyword` strings. */
function oas31Leftovers(doc: OpenApiDocument): string[] {
  const found = new Set<string>();
  forEachSchema(doc, (s) => {
    for (const k of [
      "const",
      "if",
      "then",
      "else",
      "examples",
      "prefixItems",
      "patternProperties",
      "$defs",
      "unevaluatedProperties",
      "dependentRequired",
    ])
      if (k in s) found.add(k);
    if (Array.isArray(s.type)) found.add("type array");
    if (s.type === "null") found.add('type: "null"');
    for (const k of ["exclusiveMinimum", "exclusiveMaximum"])
      if (k in s && typeof (s as Record<string, unknown>)[k] !== "boolean") found.add(`numeric ${k}`);
  });
  if (doc.info?.summary !== undefined) found.add("info.summary");
  if (doc.webhooks) found.add("webhooks");
  return [...found];
}

describe.each(apis.map((a) => a.name))("%s: every form of the document", (api) => {
  it("is listed in DOCUMENT_FORMS and written by the build", () => {
    for (const form of DOCUMENT_FORMS) expect(() => read(api, form), form).not.toThrow();
  });

  it("the bundled 3.1 document is valid OpenAPI 3.1 (json and yaml the same)", async () => {
    const doc = readJson(api, "openapi.json");
    expect(doc.openapi).toMatch(/^3\.1\./);
    expect(await validate(doc)).toEqual([]);
    expect(parse(read(api, "openapi.yaml"))).toEqual(doc);
  });

  it("the dereferenced 3.1 document is valid, has no $ref, and equals Redocly's dereference", async () => {
    const doc = readJson(api, "openapi.dereferenced.json");
    expect(countRefs(doc)).toBe(0);
    expect(await validate(doc)).toEqual([]);
    expect(doc).toEqual(JSON.parse(JSON.stringify(await redoclyDereference(api))));
  });

  it("the 3.0 variant is valid OpenAPI 3.0.3, keeps every example, and has no 3.1-only keyword", async () => {
    const doc = readJson(api, "openapi.3.0.json");
    const bundled = readJson(api, "openapi.json");
    expect(doc.openapi).toBe("3.0.3");
    expect(await validate(doc)).toEqual([]);
    expect(parse(read(api, "openapi.3.0.yaml"))).toEqual(doc);
    expect(oas31Leftovers(doc)).toEqual([]);
    expect(examplesOf(doc)).toEqual(examplesOf(bundled));
    expect(Object.keys(doc.paths)).toEqual(Object.keys(bundled.paths));
    expect(doc.info["x-summary"]).toBe(bundled.info.summary);
  });
});

// A 3.0-only tool's view: Spectral's own oas ruleset (nothing of ours) on the conversion of each
// committed bundle finds nothing in the 3.0 variant that it does not find in the 3.1 bundle
// (`no-$ref-siblings` applies to 3.0 only, so a `description` beside a `$ref` shows up here).
// Spectral takes a few seconds for all APIs: a pair of documents that passed before (same texts,
// ruleset, Spectral by package-lock.json, our Spectral set-up, Node) is not linted again.
describe("Spectral's oas ruleset on the 3.0 variant", () => {
  const RULESET = "test/fixtures/forms/spectral-oas.yaml";
  // Loaded (and the ruleset bundled) only when a pair has to be linted.
  let loaded: Promise<{ lint: Linter["lintText"]; formatFinding: (f: SpectralFinding) => string }> | undefined;
  const spectral = () =>
    (loaded ??= import("../../scripts/lint/spectral.js").then(async ({ createSpectral, formatFinding }) => {
      const linter = await createSpectral(resolve(ROOT, RULESET));
      return { lint: (text, file) => linter.lintText(text, file), formatFinding };
    }));
  const kept = keptPasses("spectral-forms", import.meta.filename);
  afterAll(() => kept.release());
  const key = (f: SpectralFinding) => `[${f.rule}] ${f.message} (at ${f.path})`;

  it.for(apis.map((a) => a.name))(
    "%s: no $ref siblings, and no finding the 3.1 bundle does not have",
    async (api, ctx) => {
      const bundled = readJson(api, "openapi.json");
      const documents = [
        { file: generatedFile(api, "openapi.3.0.json"), text: JSON.stringify(toOpenApi30(bundled), null, 2) },
        { file: generatedFile(api, "openapi.json"), text: JSON.stringify(bundled, null, 2) },
      ];
      const passedBefore = kept.key(
        documents.flatMap((d) => [d.file, d.text]),
        [RULESET, "package-lock.json", "scripts/lint/spectral.ts", "scripts/lint/spectral-types.ts"],
      );
      kept.skipIfPassed(passedBefore, ctx.skip);
      const { lint, formatFinding } = await spectral();
      const on30 = await lint(documents[0]!.text, documents[0]!.file);
      const on31 = await lint(documents[1]!.text, documents[1]!.file);
      const found31 = new Set(on31.map(key));
      expect(on30.filter((f) => f.rule === "no-$ref-siblings").map(formatFinding)).toEqual([]);
      expect(on30.filter((f) => !found31.has(key(f))).map(formatFinding)).toEqual([]);
      kept.pass(passedBefore);
    },
  );
});

describe("the 3.0 conversion of each 3.1-only construct", () => {
  const source = parse(
    readFileSync(resolve(ROOT, "test/fixtures/forms/oas31-constructs.yaml"), "utf8"),
  ) as OpenApiDocument;
  const doc: SpecJson = toOpenApi30(source);
  const thing = doc.components.schemas.Thing;

  it("gives a valid 3.0.3 document with nothing 3.1-only left", async () => {
    expect(await validate(source)).toEqual([]);
    expect(await validate(doc)).toEqual([]);
    expect(oas31Leftovers(doc)).toEqual([]);
    expect(doc.paths["/things"].post.responses["200"].content["application/json"].example).toEqual({
      type: ["a", "b"],
      const: 1,
      examples: ["x", "y"],
    });
  });

  it("says in 3.0 words what 3.0 can say", () => {
    expect(thing.properties.id).toEqual({ anyOf: [{ type: "string" }, { type: "integer" }] });
    expect(thing.properties.label).toEqual({
      anyOf: [
        { type: "string", nullable: true },
        { type: "integer", nullable: true },
      ],
    });
    expect(thing.properties.note).toEqual({ type: "string", nullable: true });
    expect(thing.properties.kind).toEqual({ enum: ["cloudflare"] });
    expect(thing.properties.size).toEqual({ type: "number", minimum: 0, exclusiveMinimum: true, maximum: 10 });
    expect(thing.properties.color).toEqual({ type: "string", example: "red", "x-examples": ["red", "blue"] });
    // 3.0 ignores what stands beside a $ref; inside allOf the description stays in force.
    expect(thing.properties.parent).toEqual({
      description: "The thing above.",
      allOf: [{ $ref: "#/components/schemas/Leaf" }],
    });
    expect(thing.properties.sibling).toEqual({
      description: "A thing beside.",
      allOf: [{ $ref: "#/components/schemas/Leaf" }, { required: ["name"] }],
    });
    const condition = { properties: { kind: { enum: ["cloudflare"] } }, required: ["kind"] };
    expect(thing.anyOf).toEqual([
      { allOf: [condition, { required: ["label"] }] },
      { allOf: [{ not: condition }, { required: ["note"] }] },
    ]);
  });

  it("keeps what 3.0 cannot say under x- extensions", () => {
    expect(doc.info).toMatchObject({
      "x-summary": "A one-line summary.",
      license: { name: "MIT", "x-identifier": "MIT" },
    });
    expect(doc.info.summary).toBeUndefined();
    expect(doc["x-webhooks"].thingCreated.post.requestBody.content["application/json"].schema.properties.kind).toEqual({
      enum: ["created"],
    });
    expect(thing.properties.tags).toEqual({
      type: "object",
      "x-jsonschema-patternProperties": { "^x-": { type: "string" } },
    });
    // A condition that needs `contains` would lose it and match every `unique`: kept whole.
    const listed = doc.components.schemas.Listed;
    expect(listed.anyOf).toBeUndefined();
    expect(listed["x-jsonschema-if"]).toEqual({
      properties: { unique: { "x-jsonschema-contains": { enum: ["timeout"] } } },
      required: ["unique"],
    });
    expect(listed["x-jsonschema-then"]).toEqual({ required: ["timeout"] });
  });

  it("the dereferenced form keeps a $ref only where it closes a cycle", () => {
    const deref: SpecJson = dereferenceDocument(source);
    expect(deref.paths["/things"].post.requestBody.content["application/json"].schema.properties.id).toEqual({
      type: ["string", "integer"],
    });
    expect(deref.components.schemas.Node.properties.child.properties.child).toEqual({
      $ref: "#/components/schemas/Node",
    });
    expect(deref.paths["/things"].post.responses["200"].content["application/json"].schema).toEqual({
      type: "object",
      properties: { child: { $ref: "#/components/schemas/Node" } },
    });
    expect(countRefs(deref)).toBe(2);
  });
});
