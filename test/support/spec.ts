// Test helper: the built document of one API as the build wrote it (generated/<api>/openapi.json,
// or openapi.dereferenced.json), read once per test file. Reading the artefact instead of bundling
// specs/ in every test worker saves Redocly's start and a bundle per file; that the artefact is
// exactly what specs/ produce is build.test.ts's drift check, and that the dereferenced form equals
// Redocly's dereference of specs/ is document-forms.test.ts's.
import { readFileSync } from "node:fs";
import type { OpenApiDocument } from "../../scripts/openapi/openapi-document.js";
import { generatedFile } from "../../scripts/registry/generated-paths.js";

const cache = new Map<string, OpenApiDocument>();

/**
 * The document as the seed tests read it: walked by key inside assertions (a missing key fails the
 * test anyway), so untyped; scripts/ read it as the typed model, OpenApiDocument.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SpecJson = any;

export async function loadSpec(
  name: string,
  options: { dereference?: boolean } = { dereference: true },
): Promise<SpecJson> {
  const file = generatedFile(name, options.dereference ? "openapi.dereferenced.json" : "openapi.json");
  let doc = cache.get(file);
  if (!doc) {
    doc = JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
    cache.set(file, doc);
  }
  return doc;
}

/** The operation object at `method path`, or a thrown error naming what is missing. */
export function operation(spec: SpecJson, method: string, path: string): Record<string, any> {
  const item = spec.paths?.[path];
  if (!item) throw new Error(`path ${path} is not in the spec`);
  const op = item[method.toLowerCase()];
  if (!op) throw new Error(`${method.toUpperCase()} ${path} is not in the spec`);
  return op;
}

/** The media type object of a response (`status`, `type`), or a thrown error naming what is missing. */
export function responseMedia(op: Record<string, any>, status: string, type = "application/json"): Record<string, any> {
  const m = op.responses?.[status]?.content?.[type];
  if (!m) throw new Error(`${op.operationId ?? "operation"}: ${status} ${type} not declared`);
  return m;
}

/** The value of the first named example of a media type object. */
export function firstExample(m: Record<string, any>): unknown {
  const first = Object.values(m.examples ?? {})[0] as { value: unknown } | undefined;
  if (!first) throw new Error("no named example");
  return first.value;
}
