// Visits every Schema Object of an OpenAPI 3.x document, where the specification puts them
// (components, parameters, headers, media types, callbacks, webhooks) and inside schemas (every
// JSON Schema keyword that holds subschemas). Example values, defaults and extensions are never
// entered, so a payload that happens to contain `type` or `const` is left alone. `$ref`s are not
// followed (each component is visited where it is defined), and the walk reads every node as
// unknown JSON, so a document mid-rewrite (openapi30.ts) is walked as safely as a valid one.
import type { OpenApiDocument, SchemaObject } from "./openapi-document.js";
import { HTTP_METHODS } from "./openapi.js";

/** A Schema Object as visited (boolean schemas are skipped); the visitor may rewrite it in place. */
export type Schema = SchemaObject;
type Visit = (schema: Schema) => void;
type JsonObject = { [key: string]: unknown };

const SCHEMA_KEYS = [
  "additionalProperties",
  "items",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems",
];
const SCHEMA_LIST_KEYS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_MAP_KEYS = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];

const isObject = (v: unknown): v is JsonObject => v !== null && typeof v === "object" && !Array.isArray(v);
const values = (map: unknown): unknown[] => (isObject(map) ? Object.values(map) : []);
const items = (list: unknown): unknown[] => (Array.isArray(list) ? list : []);

/** Children first, then the schema itself, so a visitor sees subschemas already visited. */
function walkSchema(schema: unknown, visit: Visit): void {
  if (!isObject(schema)) return; // boolean schemas
  for (const key of SCHEMA_KEYS) walkSchema(schema[key], visit);
  for (const key of SCHEMA_LIST_KEYS) for (const s of items(schema[key])) walkSchema(s, visit);
  for (const key of SCHEMA_MAP_KEYS) for (const s of values(schema[key])) walkSchema(s, visit);
  visit(schema as Schema);
}

function walkContent(content: unknown, visit: Visit) {
  for (const media of values(content)) if (isObject(media)) walkSchema(media.schema, visit);
}

function walkParameterOrHeader(p: unknown, visit: Visit) {
  if (!isObject(p)) return;
  walkSchema(p.schema, visit);
  walkContent(p.content, visit);
}

function walkResponse(r: unknown, visit: Visit) {
  if (!isObject(r)) return;
  for (const h of values(r.headers)) walkParameterOrHeader(h, visit);
  walkContent(r.content, visit);
}

function walkPathItem(item: unknown, visit: Visit) {
  if (!isObject(item)) return;
  for (const p of items(item.parameters)) walkParameterOrHeader(p, visit);
  for (const method of HTTP_METHODS) {
    const op = item[method];
    if (!isObject(op)) continue;
    for (const p of items(op.parameters)) walkParameterOrHeader(p, visit);
    if (isObject(op.requestBody)) walkContent(op.requestBody.content, visit);
    for (const r of values(op.responses)) walkResponse(r, visit);
    for (const callback of values(op.callbacks)) for (const cbItem of values(callback)) walkPathItem(cbItem, visit);
  }
}

export function forEachSchema(doc: OpenApiDocument, visit: Visit): void {
  for (const item of values(doc.paths)) walkPathItem(item, visit);
  for (const item of values(doc.webhooks)) walkPathItem(item, visit);
  const c = doc.components ?? {};
  for (const s of values(c.schemas)) walkSchema(s, visit);
  for (const p of values(c.parameters)) walkParameterOrHeader(p, visit);
  for (const h of values(c.headers)) walkParameterOrHeader(h, visit);
  for (const r of values(c.responses)) walkResponse(r, visit);
  for (const b of values(c.requestBodies)) if (isObject(b)) walkContent(b.content, visit);
  for (const item of values(c.pathItems)) walkPathItem(item, visit);
  for (const callback of values(c.callbacks)) for (const item of values(callback)) walkPathItem(item, visit);
}
