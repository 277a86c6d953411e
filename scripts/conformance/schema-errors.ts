// Turns Ajv's error list into one finding per offending value. Ajv (allErrors) reports one error
// per keyword, and for a failed oneOf/anyOf also every error of every alternative, so a single
// bad object easily becomes half a dozen lines. Here: the errors of one instance are merged into
// one cause ("lacks required ping_url; does not allow desc"), a failed oneOf/anyOf is one cause
// that summarises its alternatives, and identical causes on the items of one array are reported
// once with the list of items.
import type { DefinedError, ErrorObject } from "ajv/dist/2020.js";

export interface SchemaFinding {
  /** JSON pointer of the offending value; `/checks/*` when several items share the cause. */
  pointer: string;
  cause: string;
  /** The pointers of the items when several share the cause. */
  instances?: string[];
}

const WRAPPERS = new Set(["oneOf", "anyOf"]);

/**
 * A short rendering of a value for a message. Strings are quoted only when `quote` is set (enum
 * and const mismatches, parameters): a body string may be a password or token, and reports
 * must not repeat credentials.
 */
export function describeValue(value: unknown, quote = false): string {
  if (value === undefined) return "absent";
  if (value === null) return "null";
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  if (typeof value === "string" && !quote)
    return `a string of ${value.length} character${value.length === 1 ? "" : "s"}`;
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

const list = (items: unknown[]) => items.map((i) => (typeof i === "string" ? i : JSON.stringify(i))).join(", ");

/** The causes of the plain (non-wrapper) errors at one instance, merged by keyword. */
function plainCauses(errors: ErrorObject[], quote: boolean): string[] {
  const missing = new Set<string>();
  const extra = new Set<string>();
  const other: string[] = [];
  // Ajv's own keywords only (the schemas use no custom keyword), so each error's params are typed by its keyword.
  for (const e of errors as DefinedError[]) {
    if (e.keyword === "required") missing.add(e.params.missingProperty);
    else if (e.keyword === "additionalProperties") extra.add(e.params.additionalProperty);
    else if (e.keyword === "unevaluatedProperties") extra.add(e.params.unevaluatedProperty);
    else if (e.keyword === "dependentRequired") missing.add(e.params.missingProperty);
    else if (e.keyword === "type")
      other.push(`is ${describeValue(e.data, quote)}, must be ${[e.params.type].flat().join(" or ")}`);
    else if (e.keyword === "enum")
      other.push(`is ${describeValue(e.data, true)}, must be one of ${list(e.params.allowedValues ?? [])}`);
    else if (e.keyword === "const")
      other.push(`is ${describeValue(e.data, true)}, must be ${JSON.stringify(e.params.allowedValue)}`);
    else if (e.keyword === "format") other.push(`is ${describeValue(e.data, quote)}, not a valid ${e.params.format}`);
    else if (e.keyword === "if" || e.keyword === "false schema")
      continue; // the then/else errors carry the cause
    else
      other.push(
        `${e.message ?? e.keyword}${e.data !== undefined && typeof e.data !== "object" ? ` (is ${describeValue(e.data, quote)})` : ""}`,
      );
  }
  const causes: string[] = [];
  if (missing.size) causes.push(`lacks required ${[...missing].join(", ")}`);
  if (extra.size) causes.push(`has ${[...extra].join(", ")}, which the schema does not allow`);
  return [...causes, ...[...new Set(other)]];
}

/** Whether JSON pointer `child` is `parent` or below it (`/checks/10` is not below `/checks/1`). */
const within = (parent: string, child: string) => child === parent || child.startsWith(`${parent}/`);

/** Pointer of `child` relative to `parent` (both JSON pointers; child is at or below parent). */
const relativePointer = (parent: string, child: string) => child.slice(parent.length) || "";

/** One cause for a failed oneOf/anyOf: which alternatives failed, and why, in brief. */
function wrapperCause(wrapper: ErrorObject, inner: ErrorObject[], quote: boolean): string {
  const passing = (wrapper.params as { passingSchemas?: unknown }).passingSchemas;
  if (wrapper.keyword === "oneOf" && Array.isArray(passing)) {
    return `matches more than one alternative of oneOf (#${passing.join(" and #")})`;
  }
  const alternatives: unknown[] = Array.isArray(wrapper.schema) ? wrapper.schema : [];
  const prefix = `${wrapper.schemaPath}/`;
  const byAlternative = new Map<number, ErrorObject[]>();
  for (const e of inner) {
    const index = Number(e.schemaPath.slice(prefix.length).split("/")[0]);
    byAlternative.set(index, [...(byAlternative.get(index) ?? []), e]);
  }
  const summaries = [...byAlternative.entries()]
    .map(([index, errors]) => {
      const findings = groupSchemaErrors(errors, { base: wrapper.instancePath, quote });
      const alternative = alternatives[index];
      const named =
        alternative !== null && typeof alternative === "object" && "title" in alternative && alternative.title;
      const title = named ? ` ${String(named)}` : "";
      return {
        errors: errors.length,
        text: `#${index}${title}: ${findings.map((f) => `${f.pointer ? `${f.pointer} ` : ""}${f.cause}`).join("; ")}`,
      };
    })
    .sort((a, b) => a.errors - b.errors);
  const head = `is ${describeValue(wrapper.data, quote)} and matches none of the ${alternatives.length || ""}${alternatives.length ? " " : ""}alternatives of ${wrapper.keyword}`;
  // One alternative clearly closest (fewest errors): its reasons are the useful ones.
  if (summaries.length > 1 && summaries[0]!.errors < summaries[1]!.errors)
    return `${head}; closest is ${summaries[0]!.text}`;
  return `${head} (${summaries.map((s) => s.text).join(" | ")})`;
}

/**
 * Groups Ajv errors (from a validator compiled with allErrors and verbose) into findings, one per
 * instance. `base` is stripped from pointers (used for the alternatives of a oneOf); `quote`
 * lets messages quote string values (see describeValue).
 */
export function groupSchemaErrors(
  errors: ErrorObject[],
  options: { base?: string; quote?: boolean } = {},
): SchemaFinding[] {
  const { base = "", quote = false } = options;
  // Outermost failed oneOf/anyOf first; each error inside one of them belongs to it alone.
  const wrappers = errors
    .filter((e) => WRAPPERS.has(e.keyword))
    .sort((a, b) => a.schemaPath.length - b.schemaPath.length);
  const owner = new Map<ErrorObject, ErrorObject>();
  for (const e of errors) {
    const outer = wrappers.find(
      (w) => w !== e && e.schemaPath.startsWith(`${w.schemaPath}/`) && within(w.instancePath, e.instancePath),
    );
    if (outer) owner.set(e, outer);
  }
  const byInstance = new Map<string, { plain: ErrorObject[]; wrappers: ErrorObject[] }>();
  for (const e of errors) {
    if (owner.has(e)) continue;
    const entry = byInstance.get(e.instancePath) ?? { plain: [], wrappers: [] };
    (WRAPPERS.has(e.keyword) ? entry.wrappers : entry.plain).push(e);
    byInstance.set(e.instancePath, entry);
  }
  const findings: SchemaFinding[] = [];
  for (const [pointer, entry] of byInstance) {
    const causes = [
      ...plainCauses(entry.plain, quote),
      ...entry.wrappers.map((w) =>
        wrapperCause(
          w,
          errors.filter((e) => owner.get(e) === w),
          quote,
        ),
      ),
    ];
    if (causes.length) findings.push({ pointer: relativePointer(base, pointer), cause: causes.join("; ") });
  }
  return mergeArrayItems(findings);
}

/** Findings with the same cause at pointers that differ only in array indices become one. */
function mergeArrayItems(findings: SchemaFinding[]): SchemaFinding[] {
  const groups = new Map<string, SchemaFinding[]>();
  for (const f of findings) {
    const key = `${f.pointer.replace(/\/\d+(?=\/|$)/g, "/*")}\u0000${f.cause}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return [...groups.values()].map((group) =>
    group.length === 1
      ? group[0]!
      : {
          pointer: group[0]!.pointer.replace(/\/\d+(?=\/|$)/g, "/*"),
          cause: group[0]!.cause,
          instances: group.map((f) => f.pointer),
        },
  );
}
