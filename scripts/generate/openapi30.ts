// The OpenAPI 3.0.3 variant of a bundled 3.1 document, for tools that read only 3.0.
// @apiture/openapi-down-convert does the mechanical part (const → enum, [T, "null"] → nullable,
// $comment, contentMediaType); this module first rewrites what it leaves behind or drops. Where 3.0 has an equally true form it is used; what 3.0 cannot say at all is kept
// under an `x-` extension (listed in the README, "The OpenAPI 3.0 variant").
import { Converter } from "@apiture/openapi-down-convert";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { forEachSchema } from "../openapi/schema-walk.js";

/** A 3.1 Schema Object while it is rewritten into a 3.0 one (neither model type fits it mid-way). */
type Schema = Record<string, any>;

/** JSON Schema keywords with no 3.0 counterpart: kept as `x-jsonschema-<keyword>`. */
const KEPT_AS_EXTENSION = [
  "patternProperties",
  "propertyNames",
  "prefixItems",
  "unevaluatedProperties",
  "unevaluatedItems",
  "dependentRequired",
  "dependentSchemas",
  "contains",
  "minContains",
  "maxContains",
  "$anchor",
  "$dynamicAnchor",
  "$dynamicRef",
];

/** Adds a constraint that must hold alongside the schema's own anyOf (if any). */
function addAnyOf(schema: Schema, alternatives: Schema[]) {
  if (schema.anyOf) schema.allOf = [...(schema.allOf ?? []), { anyOf: alternatives }];
  else schema.anyOf = alternatives;
}

/** Whether a schema uses, anywhere inside, a keyword 3.0 cannot say (or already kept it aside:
 * subschemas are rewritten before the schema that holds them). */
function usesKeptKeyword(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(usesKeptKeyword);
  if (value === null || typeof value !== "object") return false;
  return Object.entries(value).some(
    ([key, inner]) => KEPT_AS_EXTENSION.includes(key) || key.startsWith("x-jsonschema-") || usesKeptKeyword(inner),
  );
}

/**
 * if/then/else as the same condition in 3.0 words: (if ∧ then) ∨ (¬if ∧ else). A condition that
 * uses a keyword 3.0 lacks (`contains`) would lose it and hold for more values, making the 3.0
 * form refuse what the 3.1 form accepts: such a conditional is kept whole as `x-jsonschema-if`,
 * `-then` and `-else` instead.
 */
function rewriteConditional(schema: Schema) {
  if (!("if" in schema)) return;
  const { if: condition, then: thenSchema, else: elseSchema } = schema;
  delete schema.if;
  delete schema.then;
  delete schema.else;
  if (thenSchema === undefined && elseSchema === undefined) return; // `if` alone asserts nothing
  if (usesKeptKeyword(condition)) {
    schema["x-jsonschema-if"] = condition;
    if (thenSchema !== undefined) schema["x-jsonschema-then"] = thenSchema;
    if (elseSchema !== undefined) schema["x-jsonschema-else"] = elseSchema;
    return;
  }
  const whenTrue = thenSchema === undefined ? condition : { allOf: [condition, thenSchema] };
  const whenFalse = elseSchema === undefined ? { not: condition } : { allOf: [{ not: condition }, elseSchema] };
  addAnyOf(schema, [whenTrue, whenFalse]);
}

/** `type: [a, b]` (and `[a, b, "null"]`) as anyOf of single types; `[T, "null"]` is left to the converter. */
function rewriteTypeArray(schema: Schema) {
  if (!Array.isArray(schema.type)) return;
  const types = schema.type.filter((t: string) => t !== "null");
  const nullable = types.length < schema.type.length;
  if (types.length <= 1) return;
  delete schema.type;
  addAnyOf(
    schema,
    types.map((type: string) => (nullable ? { type, nullable: true } : { type })),
  );
}

/** 3.1's numeric exclusiveMinimum/Maximum as 3.0's boolean flag on minimum/maximum. */
function rewriteExclusiveBound(
  schema: Schema,
  exclusive: "exclusiveMinimum" | "exclusiveMaximum",
  bound: "minimum" | "maximum",
) {
  const limit = schema[exclusive];
  if (typeof limit !== "number") return;
  const inclusive = schema[bound];
  const exclusiveIsStricter =
    typeof inclusive !== "number" || (bound === "minimum" ? limit >= inclusive : limit <= inclusive);
  if (exclusiveIsStricter) {
    schema[bound] = limit;
    schema[exclusive] = true;
  } else {
    delete schema[exclusive];
  }
}

/** 3.0 schemas have one `example`: the first of `examples`; all of them stay in `x-examples`. */
function rewriteExamples(schema: Schema) {
  if (!Array.isArray(schema.examples)) return;
  const [first] = schema.examples;
  if (schema.examples.length > 1) schema["x-examples"] = schema.examples;
  if (schema.examples.length > 0 && !("example" in schema)) schema.example = first;
  delete schema.examples;
}

/**
 * In 3.0 a schema `$ref` replaces its whole object: a `description` (or any keyword) beside it is
 * ignored, and Spectral's `no-$ref-siblings` reports it. `allOf: [{$ref}]` says the same and keeps
 * the siblings in force. (The converter leaves such siblings in place unless its `allOfTransform`
 * is set, which also rewrites `$ref`-shaped objects inside example values.)
 */
function wrapRefWithSiblings(schema: Schema) {
  if (typeof schema.$ref !== "string" || Object.keys(schema).length === 1) return;
  const ref = schema.$ref;
  delete schema.$ref;
  schema.allOf = [{ $ref: ref }, ...(schema.allOf ?? [])];
}

function keepAsExtensions(schema: Schema) {
  for (const keyword of KEPT_AS_EXTENSION) {
    if (!(keyword in schema)) continue;
    schema[`x-jsonschema-${keyword.replace(/^\$/, "")}`] = schema[keyword];
    delete schema[keyword];
  }
}

/** The document-level constructs 3.0 lacks. */
function rewriteDocument(doc: OpenApiDocument) {
  if (doc.info?.summary !== undefined) {
    doc.info["x-summary"] = doc.info.summary;
    delete doc.info.summary;
  }
  if (doc.info?.license?.identifier !== undefined) {
    doc.info.license["x-identifier"] = doc.info.license.identifier;
    delete doc.info.license.identifier;
  }
  if (doc.webhooks) {
    doc["x-webhooks"] = doc.webhooks; // the name Redoc reads in 3.0 documents
    delete doc.webhooks;
  }
  delete doc.jsonSchemaDialect;
}

export function toOpenApi30(bundled: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(bundled);
  forEachSchema(doc, (schema) => {
    rewriteConditional(schema);
    rewriteTypeArray(schema);
    rewriteExclusiveBound(schema, "exclusiveMinimum", "minimum");
    rewriteExclusiveBound(schema, "exclusiveMaximum", "maximum");
    rewriteExamples(schema);
    keepAsExtensions(schema);
    wrapRefWithSiblings(schema);
  });
  // Webhooks hold schemas too: rewrite them while they are still where forEachSchema looks.
  rewriteDocument(doc);
  const converted = new Converter(doc, { convertSchemaComments: true }).convert();
  // The converter leaves its `x-openapi-down-convert-schema-ref` tag on arrays (as a non-index
  // property, which JSON drops): a JSON round trip returns plain data.
  return JSON.parse(JSON.stringify(converted)) as OpenApiDocument;
}
