// What changed between two bundles of one API, for people who generate clients from them.
// api-smart-diff finds and classifies the changes (it understands 3.1 and follows every $ref into
// each operation); this file puts each change in client words and corrects the classifications
// that are wrong for typed clients (see `reclassify`, and "Reading what changed" in the README).
import { apiCompare, type Diff } from "api-smart-diff";
import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  ReferenceObject,
} from "../openapi/openapi-document.js";
import { deref, isHttpMethod } from "../openapi/openapi.js";

export type Severity = "breaking" | "non-breaking" | "deprecation" | "docs" | "unclassified";

export interface Change {
  /** `GET /api/v1/checks/ (listChecks)`, or `document` for changes outside the paths. */
  operation: string;
  /** One sentence for a client author, e.g. "response 200: field `checks[].grace` removed". */
  text: string;
  severity: Severity;
  /** Why our classification differs from the library's, when it does. */
  note?: string;
}

type Doc = OpenApiDocument;
type Path = (string | number)[];

/** Schema keywords that only describe (they change no accepted or returned value). */
const ANNOTATION_KEYWORDS = new Set(["description", "title", "example", "examples", "$comment", "externalDocs", "xml"]);

/**
 * api-smart-diff prints "Classification Rule error for node: …" to stderr when one of its own
 * rules throws, and leaves that change unclassified (which the gate already counts as breaking,
 * to be checked by hand). The message says nothing more to our users, so it is kept off the terminal.
 */
function compareQuietly(before: Doc, after: Doc) {
  const printError = console.error;
  console.error = (...args: unknown[]) => {
    if (typeof args[0] === "string" && args[0].startsWith("Classification Rule error")) return;
    printError(...args);
  };
  try {
    return apiCompare(before, after);
  } finally {
    console.error = printError;
  }
}

export function compareBundles(before: Doc, after: Doc): Change[] {
  const { diffs } = compareQuietly(before, after);
  const seen = new Set<string>();
  const changes: Change[] = [];
  for (const diff of diffs) {
    const change = describe(diff, before, after);
    if (!change) continue;
    const key = `${change.operation}\n${change.text}\n${change.severity}`;
    if (seen.has(key)) continue; // the same schema reached through several variants or refs
    seen.add(key);
    changes.push(change);
  }
  // "field x removed" already says that x is no longer required.
  const removed = new Set(changes.map((c) => removedField(c.text)).filter((t) => t !== undefined));
  return changes.filter((c) => {
    const m = /^(.*: )field (`[^`]+`) is no longer required$/.exec(c.text);
    return !m || !removed.has(`${m[1]}${m[2]}`);
  });
}

function removedField(text: string): string | undefined {
  const m = /^(.*: )field (`[^`]+`) removed$/.exec(text);
  return m ? `${m[1]}${m[2]}` : undefined;
}

function describe(diff: Diff, before: Doc, after: Doc): Change | undefined {
  const path = diff.path as Path;
  if (path[0] === "components" && path[1] !== "securitySchemes") {
    // Schemas, responses, parameters... are compared where operations use them (with the
    // request/response context that decides what breaks); a component alone has no context.
    return undefined;
  }
  if (path[0] !== "paths") {
    return {
      operation: "document",
      text: `${path.join(".")} ${verb(diff)}${valueChange(diff)}`,
      severity: path[0] === "servers" || path[0] === "security" || path[0] === "components" ? severityOf(diff) : "docs",
    };
  }
  const [, url, method] = path;
  if (!isHttpMethod(method)) {
    return {
      operation: `${String(url)}`,
      text: `${path.slice(2).join(".") || "path"} ${verb(diff)}`,
      severity: severityOf(diff),
    };
  }
  const op: OperationObject =
    operationOf(diff.action === "add" ? after : before, String(url), method) ??
    operationOf(after, String(url), method) ??
    {};
  const operation = `${method.toUpperCase()} ${String(url)}${op.operationId ? ` (${op.operationId})` : ""}`;
  const rest = path.slice(3);
  if (rest.length === 0) return { operation, text: `operation ${verb(diff)}`, severity: severityOf(diff) };
  const located = locate(rest, op, diff, before, after);
  const base: Change = { operation, text: located.text, severity: severityOf(diff) };
  if (located.annotation) return { ...base, severity: "docs" };
  if (located.verdict) return located.verdict.severity === base.severity ? base : { ...base, ...located.verdict };
  return reclassify(base, diff, located);
}

interface Located {
  text: string;
  /** request (body, parameter) or response (body, header): decides which direction breaks. */
  side?: "request" | "response";
  /** The schema keyword path after `schema`, when the change is inside a schema. */
  schemaPath?: Path;
  annotation?: boolean;
  /** Our verdict where the library's is wrong for clients and no schema rule applies. */
  verdict?: { severity: Severity; note: string };
}

/** A request input added as required: callers written against the old description do not send it. */
const NEW_REQUIRED_INPUT = {
  severity: "breaking",
  note: "callers written before it do not send it (a default in its schema does not change that)",
} as const;

function locate(rest: Path, op: OperationObject, diff: Diff, before: Doc, after: Doc): Located {
  const [head, ...tail] = rest;
  if (head === "parameters") {
    const [index, ...inner] = tail;
    if (index === undefined) return parameterList(diff, before, after);
    const param = parameterAt(diff, Number(index), inner.length === 0, op, before, after);
    const name = param ? `${param.in} parameter \`${param.name}\`` : "a parameter";
    if (inner.length === 0) {
      const required = param?.required ? "required " : "";
      const located: Located = {
        text: `${diff.action === "add" ? required : ""}${name} ${verb(diff)}`,
        side: "request",
      };
      // The library lets a schema default excuse a new required parameter; a typed client's
      // callers must pass it all the same.
      return diff.action === "add" && param?.required ? { ...located, verdict: NEW_REQUIRED_INPUT } : located;
    }
    if (inner[0] === "schema") return schemaChange(name, inner.slice(1), diff, "request");
    if (inner[0] === "required" && inner.length === 1) {
      return { text: `${name} is ${diff.after === true ? "now required" : "no longer required"}`, side: "request" };
    }
    return {
      text: `${name}: ${inner.join(".")} ${verb(diff)}${valueChange(diff)}`,
      side: "request",
      annotation: isAnnotation(inner),
    };
  }
  if (head === "requestBody") {
    if (tail.length === 0) {
      const located: Located = { text: `request body ${verb(diff)}`, side: "request" };
      const added = diff.action === "add" && (diff.after as { required?: unknown } | undefined)?.required === true;
      return added ? { ...located, text: "required request body added", verdict: NEW_REQUIRED_INPUT } : located;
    }
    if (tail[0] === "required" && tail.length === 1) {
      return {
        text: `request body is ${diff.after === true ? "now required" : "no longer required"}`,
        side: "request",
      };
    }
    if (tail[0] === "content") return contentChange("request body", tail.slice(1), diff, "request");
    return { text: `request body: ${tail.join(".")} ${verb(diff)}`, side: "request", annotation: isAnnotation(tail) };
  }
  if (head === "responses") {
    const [status, ...inner] = tail;
    const where = `response ${String(status)}`;
    if (inner.length === 0) return { text: `${where} ${verb(diff)}`, side: "response" };
    if (inner[0] === "content") return contentChange(where, inner.slice(1), diff, "response");
    if (inner[0] === "headers") {
      const [, header, ...deeper] = inner;
      const name = `${where}: header \`${String(header)}\``;
      if (deeper.length === 0) return { text: `${name} ${verb(diff)}`, side: "response" };
      if (deeper[0] === "schema") return schemaChange(name, deeper.slice(1), diff, "response");
      if (deeper[0] === "required" && deeper.length === 1) {
        const always = diff.after === true;
        return {
          text: `${name} is ${always ? "now always sent" : "no longer always sent"}`,
          side: "response",
          verdict: always
            ? { severity: "non-breaking", note: "the header is now always present" }
            : { severity: "breaking", note: "code that reads the header must now handle its absence" },
        };
      }
      return {
        text: `${name}: ${deeper.join(".")} ${verb(diff)}${valueChange(diff)}`,
        side: "response",
        annotation: isAnnotation(deeper),
      };
    }
    return { text: `${where}: ${inner.join(".")} ${verb(diff)}`, side: "response", annotation: isAnnotation(inner) };
  }
  if (head === "deprecated")
    return { text: diff.after === true ? "operation deprecated" : "operation no longer deprecated" };
  if (head === "security") return { text: `security requirements ${verb(diff)}${valueChange(diff)}` };
  if (head === "servers") return { text: `servers ${verb(diff)}${valueChange(diff)}` };
  return { text: `${rest.join(".")} ${verb(diff)}${valueChange(diff)}`, annotation: true };
}

function contentChange(where: string, rest: Path, diff: Diff, side: "request" | "response"): Located {
  const [mediaType, kind, ...inner] = rest;
  // The whole `content` added or removed (a body that now has none, e.g. a 204): name its media types.
  if (mediaType === undefined) {
    const types = (v: unknown) => (v !== null && typeof v === "object" ? Object.keys(v).join(", ") : "");
    const listed = types(diff.action === "add" ? diff.after : diff.before);
    return { text: `${where}: body${listed ? ` (${listed})` : ""} ${verb(diff)}`, side };
  }
  const name = `${where} (${String(mediaType)})`;
  if (kind === undefined) return { text: `${where}: media type ${String(mediaType)} ${verb(diff)}`, side };
  if (kind === "schema") return schemaChange(name, inner, diff, side);
  return {
    text: `${name}: ${[kind, ...inner].join(".")} ${verb(diff)}`,
    side,
    annotation: kind === "example" || kind === "examples" || isAnnotation(inner),
  };
}

/** `inner` is the path inside a schema: properties/x/items/properties/y/required/0 ... */
function schemaChange(where: string, inner: Path, diff: Diff, side: "request" | "response"): Located {
  let field = "";
  let i = 0;
  const structural = () => {
    const seg = inner[i];
    if (seg === "properties" && i + 2 < inner.length) {
      field = field ? `${field}.${String(inner[i + 1])}` : String(inner[i + 1]);
      i += 2;
      return true;
    }
    if (seg === "items") {
      field = `${field}[]`;
      i += 1;
      return true;
    }
    if (seg === "additionalProperties" && i + 1 < inner.length) {
      field = `${field}{*}`;
      i += 1;
      return true;
    }
    if (
      (seg === "oneOf" || seg === "anyOf" || seg === "allOf") &&
      typeof inner[i + 1] === "number" &&
      i + 2 < inner.length
    ) {
      i += 2;
      return true;
    }
    return false;
  };
  while (i < inner.length && structural());
  const keyword = inner.slice(i);
  const subject = field ? `field \`${field}\`` : "the body";
  const at = `${where}: `;
  const schemaPath = keyword;
  const [k, index] = keyword;
  if (k === undefined) return { text: `${where}: schema ${verb(diff)}`, side, schemaPath };
  if (k === "properties" && keyword.length === 2) {
    const name = field ? `${field}.${String(index)}` : String(index);
    return { text: `${at}field \`${name}\` ${verb(diff)}`, side, schemaPath };
  }
  if (k === "required" && keyword.length === 2) {
    const prop = String(diff.action === "add" ? diff.after : diff.before);
    const name = field ? `${field}.${prop}` : prop;
    return {
      text: `${at}field \`${name}\` is ${diff.action === "add" ? "now required" : "no longer required"}`,
      side,
      schemaPath,
    };
  }
  if (k === "enum" && keyword.length === 2) {
    const value = JSON.stringify(diff.action === "add" ? diff.after : diff.before);
    return {
      text: `${at}value ${value} ${diff.action === "add" ? "added to" : "removed from"} the allowed values of ${subject}`,
      side,
      schemaPath,
    };
  }
  if (k === "type") {
    if (keyword.length === 2) {
      const t = JSON.stringify(diff.action === "add" ? diff.after : diff.before);
      return {
        text: `${at}type ${t} ${diff.action === "add" ? "added to" : "removed from"} ${subject}`,
        side,
        schemaPath,
      };
    }
    return { text: `${at}type of ${subject} ${verb(diff)}${valueChange(diff)}`, side, schemaPath };
  }
  if ((k === "oneOf" || k === "anyOf" || k === "allOf") && keyword.length === 2 && typeof index === "number") {
    const part = k === "allOf" ? `part #${index + 1} (allOf)` : `alternative #${index + 1} (${k})`;
    return { text: `${at}${part} of ${subject} ${verb(diff)}`, side, schemaPath };
  }
  if (k === "deprecated")
    return { text: `${at}${subject} ${diff.after === true ? "deprecated" : "no longer deprecated"}`, side, schemaPath };
  return {
    text: `${at}\`${keyword.join(".")}\` of ${subject} ${verb(diff)}${valueChange(diff)}`,
    side,
    schemaPath,
    annotation: isAnnotation(keyword),
  };
}

function isAnnotation(path: Path): boolean {
  return path.some((seg) => typeof seg === "string" && (ANNOTATION_KEYWORDS.has(seg) || seg.startsWith("x-")));
}

/**
 * Our corrections to the library's classification, each for a reason a typed client has:
 * - a type change breaks requests when an old value is no longer accepted, and breaks responses
 *   when a new value can arrive (the library calls every request type change breaking and every
 *   response one harmless, whatever the direction; `integer` counts as a subset of `number`);
 * - a request field made required breaks callers that leave it out, even if it has a default;
 *   a response field no longer required (or removed) breaks code that reads it;
 * - a value added to a response enum is not breaking: we document enums as open for readers
 *   (clients must tolerate unknown values), so this is a non-breaking change with a note;
 * - a request field removed breaks code that sends it (a type error in a typed client).
 */
function reclassify(change: Change, diff: Diff, at: Located): Change {
  const kw = at.schemaPath;
  const set = (severity: Severity, note: string): Change =>
    severity === change.severity ? change : { ...change, severity, note };
  if (!kw || !at.side) return change;
  const request = at.side === "request";
  if (kw[0] === "type" && kw.length === 1 && diff.action === "replace") {
    const was = typeSet(diff.before);
    const now = typeSet(diff.after);
    const lost = [...was].some((t) => !accepts(now, t));
    const gained = [...now].some((t) => !accepts(was, t));
    const breaks = request ? lost : gained;
    return set(
      breaks ? "breaking" : "non-breaking",
      request
        ? lost
          ? "values the old type allowed are now rejected"
          : "the type only got wider: every value sent before is still accepted"
        : gained
          ? "responses can now carry values of a type clients did not expect"
          : "the type only got narrower: responses are a subset of before",
    );
  }
  if (kw[0] === "type" && kw.length === 2) {
    const breaks = request ? diff.action === "remove" : diff.action === "add";
    return set(
      breaks ? "breaking" : "non-breaking",
      request
        ? "a request type list only breaks when it loses a type"
        : "a response type list only breaks when it gains a type",
    );
  }
  if (kw[0] === "required" && kw.length === 2) {
    const breaks = request ? diff.action === "add" : diff.action === "remove";
    return set(
      breaks ? "breaking" : "non-breaking",
      request
        ? diff.action === "add"
          ? "callers that leave the field out no longer match the description (a default does not change that)"
          : "callers may now leave the field out"
        : diff.action === "remove"
          ? "code that reads the field must now handle its absence"
          : "the field is now always present",
    );
  }
  if (kw[0] === "enum" && kw.length === 2 && !request && diff.action === "add") {
    return set(
      "non-breaking",
      "enums in responses are open: readers must tolerate values they do not know (see README)",
    );
  }
  if (kw[0] === "properties" && kw.length === 2 && diff.action === "remove") {
    return set(
      "breaking",
      request ? "code that sends the field no longer type-checks" : "code that reads the field no longer type-checks",
    );
  }
  return change;
}

function typeSet(value: unknown): Set<string> {
  if (Array.isArray(value)) return new Set(value.map(String));
  return new Set(value === undefined ? [] : [String(value)]);
}

function accepts(types: Set<string>, t: string): boolean {
  return types.has(t) || (t === "integer" && types.has("number"));
}

function severityOf(diff: Diff): Severity {
  switch (diff.type) {
    case "breaking":
      return "breaking";
    case "non-breaking":
      return "non-breaking";
    case "deprecated":
      return "deprecation";
    case "annotation":
      return "docs";
    default:
      return "unclassified";
  }
}

function verb(diff: Diff): string {
  return diff.action === "add"
    ? "added"
    : diff.action === "remove"
      ? "removed"
      : diff.action === "rename"
        ? "renamed"
        : "changed";
}

function valueChange(diff: Diff): string {
  const show = (v: unknown) => JSON.stringify(v) ?? "nothing";
  // Long texts (descriptions) only say that they changed.
  if ([diff.before, diff.after].some((v) => show(v).length > 60)) return "";
  if (diff.action === "replace") return `: ${show(diff.before)} → ${show(diff.after)}`;
  if (diff.action === "add" && isScalar(diff.after)) return `: ${show(diff.after)}`;
  if (diff.action === "remove" && isScalar(diff.before)) return ` (was ${show(diff.before)})`;
  return "";
}

function isScalar(v: unknown): boolean {
  return v === null || ["string", "number", "boolean"].includes(typeof v);
}

function operationOf(doc: Doc, url: string, method: string): OperationObject | undefined {
  return isHttpMethod(method) ? doc.paths?.[url]?.[method] : undefined;
}

/** The parameter a diff is about: the library indexes operation parameters then path-item ones. */
/** The whole `parameters` list added (an operation that had none) or removed: each one named. */
function parameterList(diff: Diff, before: Doc, after: Doc): Located {
  const doc = diff.action === "add" ? after : before;
  const list = ((diff.action === "add" ? diff.after : diff.before) ?? []) as (ParameterObject | ReferenceObject)[];
  const params = list.map((p) => deref<ParameterObject>(doc, p));
  const required = diff.action === "add" && params.some((p) => p.required);
  const names = params.map(
    (p) => `${diff.action === "add" && p.required ? "required " : ""}${p.in} parameter \`${p.name}\``,
  );
  const located: Located = { text: `${names.join(", ")} ${verb(diff)}`, side: "request" };
  return required ? { ...located, verdict: NEW_REQUIRED_INPUT } : located;
}

function parameterAt(
  diff: Diff,
  index: number,
  whole: boolean,
  op: OperationObject,
  before: Doc,
  after: Doc,
): ParameterObject | undefined {
  if (whole) {
    // The parameter added or removed, as the diff carries it (a parameter object or its $ref).
    const value = (diff.action === "add" ? diff.after : diff.before) as ParameterObject | undefined;
    return deref(diff.action === "add" ? after : before, value);
  }
  const url = String(diff.path[1]);
  const method = String(diff.path[2]);
  const doc = operationOf(before, url, method) ? before : after;
  const params = [
    ...(operationOf(doc, url, method)?.parameters ?? op.parameters ?? []),
    ...(doc.paths?.[url]?.parameters ?? []),
  ];
  return deref(doc, params[index]);
}
