// fast-check arbitraries for values valid by a (dereferenced) JSON Schema of a request: the
// generator behind the live fuzz of the real servers. Covers what the request schemas use: const,
// enum, type (also type lists), string bounds, patterns and uuid format, integer and number
// bounds, arrays, objects (required and optional properties, additionalProperties maps), anyOf,
// oneOf and allOf of objects. `if`/`then` and other cross-field rules are not generated: callers
// filter the drawn values with the spec's own validator. Values that depend on server state
// (integration ids, check codes, credentials) come from `overrides`, by property path
// (`channels`, `bridges/*/targets/*/auth`).
import fc from "fast-check";
import type { ReferenceObject, SchemaObject } from "../openapi/openapi-document.js";
import { inlined } from "../openapi/openapi.js";

export type Overrides = Record<string, fc.Arbitrary<unknown>>;

/** Strings of at most `max` code points (what JSON Schema and Python both count). */
function text(min: number, max: number): fc.Arbitrary<string> {
  const cap = Math.min(max, min + 24);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: cap }) },
    {
      weight: 1,
      arbitrary: fc
        .string({ minLength: min, maxLength: cap, unit: "grapheme" })
        .filter((s) => [...s].length <= max && [...s].length >= min),
    },
  );
}

function mergeAllOf(schema: SchemaObject): SchemaObject {
  const parts = [schema, ...(schema.allOf ?? []).map((s) => mergeAllOf(inlined(s)))];
  const merged: SchemaObject = { ...schema };
  delete merged.allOf;
  for (const p of parts.slice(1)) {
    if (p.if || p.then) continue; // cross-field rules: filtered by the caller
    Object.assign(merged, { ...p, properties: { ...(merged.properties ?? {}), ...(p.properties ?? {}) } });
    merged.required = [...new Set([...(merged.required ?? []), ...(p.required ?? [])])];
  }
  return merged;
}

export function arbitraryFor(
  input: SchemaObject | ReferenceObject,
  overrides: Overrides = {},
  path = "",
): fc.Arbitrary<unknown> {
  if (overrides[path]) return overrides[path]!;
  const own = inlined(input);
  const schema = own.allOf ? mergeAllOf(own) : own;
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  if (Array.isArray(schema.anyOf) || Array.isArray(schema.oneOf)) {
    const branches = schema.anyOf ?? schema.oneOf ?? [];
    return fc.oneof(
      ...branches.map((b) =>
        arbitraryFor({ ...schema, anyOf: undefined, oneOf: undefined, ...inlined(b) }, overrides, path),
      ),
    );
  }
  const types = Array.isArray(schema.type)
    ? schema.type
    : schema.type
      ? [schema.type]
      : schema.properties
        ? ["object" as const]
        : ["string" as const];
  if (types.length > 1) return fc.oneof(...types.map((t) => arbitraryFor({ ...schema, type: t }, overrides, path)));
  switch (types[0]) {
    case "null":
      return fc.constant(null);
    case "boolean":
      return fc.boolean();
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
    case "number":
      return fc.double({
        min: schema.minimum ?? -1e6,
        max: schema.maximum ?? 1e6,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case "string": {
      const min = schema.minLength ?? 0;
      const max = schema.maxLength ?? 40;
      if (schema.format === "uuid") return fc.uuid();
      if (schema.pattern)
        return fc
          .stringMatching(new RegExp(schema.pattern))
          .filter((s) => [...s].length <= max && [...s].length >= min);
      return text(min, max);
    }
    case "array": {
      const items = arbitraryFor(schema.items ?? {}, overrides, `${path}/*`);
      return fc.array(items, { minLength: schema.minItems ?? 0, maxLength: Math.min(schema.maxItems ?? 3, 3) });
    }
    case "object": {
      const props = schema.properties ?? {};
      const required = schema.required ?? [];
      const at = (name: string) => (path ? `${path}/${name}` : name);
      const model = Object.fromEntries(
        Object.entries(props).map(([name, s]) => [name, arbitraryFor(s, overrides, at(name))]),
      );
      const known = fc.record(model, { requiredKeys: required.filter((r) => r in props) });
      const extra = schema.additionalProperties;
      if (extra && typeof extra === "object") {
        const key = fc.stringMatching(/^[a-z][a-z0-9_]{0,11}$/).filter((k) => !(k in props));
        return fc
          .tuple(known, fc.dictionary(key, arbitraryFor(extra, overrides, `${path}/*`), { maxKeys: 2 }))
          .map(([k, d]) => ({ ...d, ...k }));
      }
      return known;
    }
    default:
      return fc.constant(null);
  }
}
