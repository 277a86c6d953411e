// Test helper: the bundled (optionally dereferenced) document of one API, cached per run.
import { getApi } from "../../scripts/lib/apis.js";
import { bundleApi, type OpenApiDocument } from "../../scripts/lib/bundle.js";

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
