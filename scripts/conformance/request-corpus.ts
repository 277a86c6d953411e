// Builds a corpus of request bodies from a request schema, for comparing the spec's verdict with a
// real server's: each bound at and beyond its limit, each property with a wrong type, each enum and
// pattern with a near miss, the defaults, schema examples and named examples. Nested objects (array
// items, additionalProperties maps) are mutated in place inside a base body. Pure: no I/O.
import type { SchemaObject } from "../openapi/openapi-document.js";
import { inlined } from "../openapi/openapi.js";

export interface CorpusCase {
  /** What the case probes, e.g. `timeout = 59 (minimum - 1)`; unique per operation. */
  label: string;
  /** The JSON value sent; ignored when `raw` is set. */
  body?: unknown;
  /** A body sent as this exact text (e.g. `{"timeout": 300.0}`, which JSON.stringify cannot write). */
  raw?: string;
  /** The schema path of the property the case mutates (`timeout`, `bridges/*\/active`), if any. */
  property?: string;
  /** The `x-since` of that property (or of its nearest ancestor that has one). */
  since?: string;
}

export interface CorpusOptions {
  /** The body the mutations are placed in (default `{}`). */
  base?: unknown;
  /** Valid values for properties the schema cannot produce by itself (by property path). */
  samples?: Record<string, unknown[]>;
  /** Named examples of the operation (`name → value`). */
  examples?: Record<string, unknown>;
}

const clone = <T>(v: T): T => (v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T));
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 37)}…(${typeof v === "string" ? `${v.length} chars` : "long"})` : s;
};
const typesOf = (s: SchemaObject): string[] =>
  Array.isArray(s.type)
    ? s.type
    : s.type
      ? [s.type]
      : s.enum
        ? ([...new Set(s.enum.map((e: unknown) => (e === null ? "null" : typeof e)))] as string[])
        : [];

/** Values of types the schema does not allow (one per foreign type). */
function wrongTypes(s: SchemaObject): [string, unknown][] {
  const allowed = new Set(typesOf(s).map((t) => (t === "number" ? "integer" : t)));
  if (allowed.size === 0) return [];
  const candidates: [string, string, unknown][] = [
    ["string", "a string", "60"],
    ["integer", "a number", 5],
    ["boolean", "a boolean", true],
    ["array", "an array", []],
    ["object", "an object", {}],
    ["null", "null", null],
  ];
  return candidates
    .filter(([t]) => !allowed.has(t) && !(t === "integer" && typesOf(s).includes("number")))
    .map(([, what, v]) => [`wrong type (${what})`, v]);
}

/** Near misses of a valid string: another case, one character more or less, a stray space. */
function nearMisses(valid: string): string[] {
  const out = new Set<string>();
  if (valid.toUpperCase() !== valid) out.add(valid.toUpperCase());
  else if (valid.toLowerCase() !== valid) out.add(valid.toLowerCase());
  out.add(`${valid}x`);
  if (valid.length > 0) out.add(valid.slice(0, -1));
  out.add(` ${valid}`);
  if (valid.includes(" ")) {
    const parts = valid.split(" ");
    out.add(parts.slice(0, -1).join(" ")); // one field fewer
    out.add(`${valid} ${parts[parts.length - 1]}`); // one field more
  }
  if (valid.includes(",")) out.add(valid.replace(",", ", "));
  out.delete(valid);
  return [...out];
}

/** Mutations of one property's schema: [what, value]. */
function mutations(s: SchemaObject, samples: unknown[]): [string, unknown][] {
  const out: [string, unknown][] = [];
  const valid = [...samples];
  if (s.default !== undefined) valid.push(s.default);
  if (Array.isArray(s.examples)) valid.push(...s.examples);
  if (s.const !== undefined) valid.push(s.const);
  if (Array.isArray(s.enum)) valid.push(s.enum[0], s.enum[s.enum.length - 1]);
  if (valid.length === 0 && !s.pattern) {
    // A typical valid value of the first allowed type, so that acceptance is probed too.
    const t = typesOf(s)[0];
    const typical: Record<string, unknown> = {
      string: "sample",
      integer: typeof s.minimum === "number" ? s.minimum : 1,
      number: 1.5,
      boolean: false,
    };
    if (t && t in typical) valid.push(typical[t]);
  }
  for (const v of valid) out.push(["valid", v]);
  out.push(...wrongTypes(s));
  if (typeof s.minimum === "number") out.push(["= minimum", s.minimum], ["minimum - 1", s.minimum - 1]);
  if (typeof s.maximum === "number") out.push(["= maximum", s.maximum], ["maximum + 1", s.maximum + 1]);
  if (typesOf(s).includes("integer") && typeof s.minimum === "number") out.push(["fraction", s.minimum + 0.5]);
  if (typeof s.maxLength === "number" && typesOf(s).includes("string") && !s.enum && !s.pattern) {
    out.push(["= maxLength", "a".repeat(s.maxLength)], ["maxLength + 1", "a".repeat(s.maxLength + 1)]);
  }
  if (typeof s.minLength === "number" && s.minLength > 0 && !s.pattern) {
    out.push(["= minLength", "b".repeat(s.minLength)], ["minLength - 1", "b".repeat(s.minLength - 1)]);
  }
  if (s.enum || s.pattern) {
    const seeds = valid.filter((v): v is string => typeof v === "string");
    for (const v of seeds.slice(0, 4)) for (const miss of nearMisses(v)) out.push([`near miss of ${show(v)}`, miss]);
  }
  if (s.pattern && typeof s.maxLength === "number") out.push(["maxLength + 1", "*".repeat(s.maxLength + 1)]);
  // Deduplicate by value (keep the first label).
  const seen = new Set<string>();
  return out.filter(([, v]) => {
    const k = JSON.stringify(v);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** An object or array of a JSON body, indexed by property name or item index. */
type Container = Record<string | number, unknown>;

function setAt(body: unknown, path: (string | number)[], value: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return value;
  const container = (body && typeof body === "object" ? clone(body) : typeof head === "number" ? [] : {}) as Container;
  container[head] = setAt(container[head], rest, value);
  return container;
}

function getAt(body: unknown, path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Container)[k] : undefined), body);
}

/** The cases of one request body schema (already dereferenced). */
export function bodyCorpus(schema: SchemaObject, options: CorpusOptions = {}): CorpusCase[] {
  const base = options.base ?? {};
  const cases: CorpusCase[] = [];
  const labels = new Set<string>();
  const push = (c: CorpusCase) => {
    if (labels.has(c.label)) return;
    labels.add(c.label);
    cases.push(c);
  };
  for (const [name, value] of Object.entries(options.examples ?? {})) push({ label: `example ${name}`, body: value });
  push({ label: "base body", body: base });
  for (const [what, value] of wrongTypes(schema))
    push({ label: `body is ${what.replace("wrong type ", "")}`, body: value });

  const walk = (
    s: SchemaObject,
    path: (string | number)[],
    display: string,
    since: string | undefined,
    depth: number,
  ) => {
    if (depth > 4) return;
    for (const [name, node] of Object.entries(s.properties ?? {})) {
      const prop = inlined(node);
      const here = [...path, name];
      const shown = display ? `${display}/${name}` : name;
      const propSince = prop["x-since"] ?? since;
      for (const [what, value] of mutations(prop, options.samples?.[shown] ?? [])) {
        push({
          label: `${shown} = ${show(value)}${what === "valid" ? "" : ` (${what})`}`,
          body: setAt(base, here, value),
          property: shown,
          since: propSince,
        });
      }
      const itemSchema = prop.items === undefined ? undefined : inlined(prop.items);
      if (itemSchema && (itemSchema.properties || itemSchema.enum || itemSchema.type)) {
        const existing = getAt(base, here);
        const first =
          Array.isArray(existing) && existing.length > 0
            ? existing[0]
            : itemSchema.type === "object" || itemSchema.properties
              ? {}
              : undefined;
        if (itemSchema.properties) {
          void first; // setAt keeps the base's first item and creates one when the base has none
          walk(itemSchema, [...here, 0], `${shown}/*`, propSince, depth + 1);
        } else {
          for (const [what, value] of mutations(itemSchema, [])) {
            push({
              label: `${shown} = [${show(value)}]${what === "valid" ? "" : ` (item ${what})`}`,
              body: setAt(base, here, [value]),
              property: `${shown}/*`,
              since: propSince,
            });
          }
        }
      }
      const extra = prop.additionalProperties;
      const mapSchema = extra !== undefined && typeof extra === "object" ? inlined(extra) : undefined;
      if (mapSchema?.properties) {
        const existing = getAt(base, here);
        const key =
          existing && typeof existing === "object" && Object.keys(existing).length
            ? Object.keys(existing)[0]!
            : "account";
        for (const [what, value] of wrongTypes(mapSchema))
          push({
            label: `${shown}/${key} = ${show(value)} (${what})`,
            body: setAt(base, [...here, key], value),
            property: `${shown}/*`,
            since: propSince,
          });
        walk(mapSchema, [...here, key], `${shown}/*`, propSince, depth + 1);
      }
    }
  };
  walk(schema, [], "", schema["x-since"], 0);
  return cases;
}
