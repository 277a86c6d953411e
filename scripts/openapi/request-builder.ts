// Builds a valid request for an operation from the spec itself: parameter examples, the first
// named request-body example. A parameter or body without an example is an error, so a new
// operation that cannot be exercised fails the suite instead of being skipped.
import type {
  ExampleObject,
  MediaTypeObject,
  OpenApiDocument,
  ParameterObject,
  SchemaObject,
} from "./openapi-document.js";
import { deref, type OperationRef } from "./openapi.js";

export interface BuiltRequest {
  params: { path?: Record<string, unknown>; query?: Record<string, unknown>; header?: Record<string, unknown> };
  body?: unknown;
  /** The request media type when it is not JSON. */
  mediaType?: string;
}

function exampleOf(doc: OpenApiDocument, holder: ParameterObject | MediaTypeObject): unknown {
  if (holder.examples && typeof holder.examples === "object" && !Array.isArray(holder.examples)) {
    const first = Object.values(holder.examples)[0];
    if (first !== undefined) return deref<ExampleObject>(doc, first).value;
  }
  if (holder.example !== undefined) return holder.example;
  const schema = deref<SchemaObject>(doc, holder.schema ?? {});
  if (Array.isArray(schema.examples) && schema.examples.length) return schema.examples[0];
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0];
  const items = deref<SchemaObject>(doc, schema.items ?? {});
  if (schema.type === "array" && Array.isArray(items.enum) && items.enum.length) return [items.enum[0]];
  return undefined;
}

export function buildRequest(doc: OpenApiDocument, op: OperationRef): BuiltRequest {
  const where = `${op.method.toUpperCase()} ${op.path}`;
  const params: BuiltRequest["params"] = {};
  for (const p of op.parameters) {
    if (p.in === "cookie") continue;
    const value = exampleOf(doc, p);
    if (value === undefined) {
      if (p.required)
        throw new Error(`${where}: required ${p.in} parameter "${p.name}" has no example to build a request from`);
      continue;
    }
    if (!p.required && p.in !== "query") continue;
    const bucket = p.in; // cookie parameters were skipped above
    (params[bucket] ??= {})[p.name] = value;
  }
  const out: BuiltRequest = { params };
  const requestBody = deref(doc, op.operation.requestBody);
  const first = Object.entries(requestBody?.content ?? {})[0];
  if (first) {
    const [mediaType, media] = first;
    const value = exampleOf(doc, media);
    if (value === undefined) {
      if (requestBody?.required) throw new Error(`${where}: the request body has no named example`);
    } else {
      out.body = value;
      if (!/json/.test(mediaType)) out.mediaType = mediaType;
    }
  }
  return out;
}
