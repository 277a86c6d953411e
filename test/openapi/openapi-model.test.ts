// The typed model's readers (scripts/openapi/openapi.ts): the one HTTP method list, the one `$ref`
// resolver and the operation list every stage reads, on small documents written for each case and
// on every built document.
import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import type { OpenApiDocument, ParameterObject, SchemaObject } from "../../scripts/openapi/openapi-document.js";
import {
  HTTP_METHODS,
  deref,
  inlined,
  isHttpMethod,
  listOperations,
  resolvePointer,
} from "../../scripts/openapi/openapi.js";
import { forEachSchema } from "../../scripts/openapi/schema-walk.js";
import { loadSpec } from "../support/spec.js";

// Spectral's functions are plain JS without type declarations: loaded by URL, typed here.
const spectralFunction = (name: string) =>
  import(new URL(`../../scripts/lint/spectral-functions/${name}.js`, import.meta.url).href);
const { METHODS: SPECTRAL_METHODS } = (await spectralFunction("authFailureDeclared")) as { METHODS: string[] };
const { VERBS } = (await spectralFunction("operationIdVerb")) as { VERBS: Record<string, string[]> };

const doc: OpenApiDocument = {
  openapi: "3.1.0",
  info: { title: "t", version: "1" },
  paths: {
    "/things/{id}": {
      parameters: [{ $ref: "#/components/parameters/Id" }, { name: "trace", in: "header", schema: { type: "string" } }],
      get: {
        operationId: "getThing",
        "x-source": ["inferred - a test"],
        parameters: [{ name: "trace", in: "header", required: true, schema: { type: "string" } }],
        responses: { "200": { $ref: "#/components/responses/Thing" } },
      },
      delete: { operationId: "deleteThing", responses: { "204": { description: "gone" } } },
    },
  },
  components: {
    parameters: { Id: { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } } },
    responses: {
      Thing: {
        description: "a thing",
        content: { "application/json": { schema: { $ref: "#/components/schemas/Alias" } } },
      },
    },
    schemas: {
      Id: { type: "string", format: "uuid" },
      Alias: { $ref: "#/components/schemas/Thing" },
      Thing: { type: "object", properties: { "a/b": { type: "integer" }, "c~d": { type: "boolean" } } },
      Loop: { $ref: "#/components/schemas/Loop" },
      Dangling: { $ref: "#/components/schemas/Nothing" },
      External: { $ref: "other.yaml#/Thing" },
    },
  },
};

describe("HTTP_METHODS", () => {
  it("is the list Spectral's functions use (plain JS, which cannot import it)", () => {
    expect([...SPECTRAL_METHODS]).toEqual([...HTTP_METHODS]);
    expect(Object.keys(VERBS).sort()).toEqual([...HTTP_METHODS].sort());
  });

  it("tells a method key from the other keys of a path item", () => {
    expect(HTTP_METHODS.filter(isHttpMethod)).toEqual([...HTTP_METHODS]);
    for (const key of ["parameters", "summary", "servers", "GET", "x-get", undefined, 1])
      expect(isHttpMethod(key), String(key)).toBe(false);
  });
});

describe("deref", () => {
  it("follows references through references to the node, typed as asked", () => {
    const schema = deref<SchemaObject>(doc, { $ref: "#/components/schemas/Alias" });
    expect(schema.type).toBe("object");
    expect(deref(doc, doc.components!.parameters!.Id)).toMatchObject({ name: "id", in: "path" });
  });

  it("returns a node that is not a reference, and undefined, as they are", () => {
    const node = { type: "string" as const };
    expect(deref(doc, node)).toBe(node);
    expect(deref(doc, undefined)).toBeUndefined();
  });

  it("undoes JSON pointer escapes (~1 is /, ~0 is ~)", () => {
    expect(resolvePointer(doc, "#/components/schemas/Thing/properties/a~1b")).toEqual({ type: "integer" });
    expect(resolvePointer(doc, "#/components/schemas/Thing/properties/c~0d")).toEqual({ type: "boolean" });
  });

  it("refuses a reference that names nothing, leaves the document, or loops, saying which", () => {
    const schemas = doc.components!.schemas!;
    expect(() => deref(doc, schemas.Dangling)).toThrow(
      "cannot resolve $ref #/components/schemas/Nothing: the document has nothing there",
    );
    expect(() => deref(doc, schemas.External)).toThrow(
      "cannot resolve $ref other.yaml#/Thing: only local references (#/...) are followed",
    );
    expect(() => deref(doc, schemas.Loop)).toThrow(
      /cannot resolve \$ref #\/components\/schemas\/Loop: more than 32 references in a row/,
    );
  });
});

describe("inlined", () => {
  it("passes a dereferenced node through and refuses a $ref left in one", () => {
    const schema: SchemaObject = { type: "string" };
    expect(inlined(schema)).toBe(schema);
    expect(() => inlined(doc.components!.schemas!.Alias!)).toThrow(
      "expected a dereferenced node, found $ref #/components/schemas/Thing",
    );
  });
});

describe("listOperations", () => {
  it("lists each operation with path-level and own parameters resolved, its own winning", () => {
    const ops = listOperations(doc);
    expect(ops.map((o) => `${o.method} ${o.path}`)).toEqual(["get /things/{id}", "delete /things/{id}"]);
    const [get, del] = ops;
    expect(get!.operation["x-source"]).toEqual(["inferred - a test"]);
    expect(get!.parameters).toEqual<ParameterObject[]>([
      { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } },
      { name: "trace", in: "header", required: true, schema: { type: "string" } },
    ]);
    expect(del!.parameters.map((p) => `${p.in}:${p.name}`)).toEqual(["path:id", "header:trace"]);
  });

  it.each(loadApis().map((a) => a.name))(
    "%s: every operation of the built document, each with resolved parameters",
    async (api) => {
      const spec: OpenApiDocument = await loadSpec(api, { dereference: false });
      const ops = listOperations(spec);
      const expected = Object.values(spec.paths ?? {}).reduce(
        (n, item) => n + HTTP_METHODS.filter((m) => item[m]).length,
        0,
      );
      expect(ops.length).toBe(expected);
      for (const op of ops)
        for (const p of op.parameters)
          expect(!("$ref" in p) && typeof p.name === "string", `${op.method} ${op.path}`).toBe(true);
    },
  );
});

describe("forEachSchema", () => {
  it("visits subschemas before the schema that holds them, and never enters examples", () => {
    const seen: string[] = [];
    const withExample: OpenApiDocument = {
      openapi: "3.1.0",
      info: { title: "t", version: "1" },
      components: {
        schemas: {
          Outer: { title: "outer", properties: { inner: { title: "inner" } }, examples: [{ title: "not a schema" }] },
        },
      },
    };
    forEachSchema(withExample, (s) => seen.push(String(s.title)));
    expect(seen).toEqual(["inner", "outer"]);
  });
});
