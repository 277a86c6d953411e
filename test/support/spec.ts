// Test helper: the bundled (optionally dereferenced) document of one API, cached per run.
import { getApi } from "../../scripts/lib/apis.js";
import { bundleApi } from "../../scripts/lib/bundle.js";
import type { OpenApiDocument } from "../../scripts/lib/openapi-document.js";

const cache = new Map<string, Promise<OpenApiDocument>>();

export function loadSpec(name: string, options: { dereference?: boolean } = { dereference: true }): Promise<OpenApiDocument> {
  const key = `${name}:${options.dereference ? "deref" : "bundled"}`;
  let doc = cache.get(key);
  if (!doc) {
    doc = bundleApi(getApi(name), options);
    cache.set(key, doc);
  }
  return doc;
}

/** The operation object at `method path`, or a thrown error naming what is missing. */
export function operation(spec: OpenApiDocument, method: string, path: string): Record<string, any> {
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
