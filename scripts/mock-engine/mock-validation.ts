// The validation step: the request as Prism reads it (path, query, headers, the body parsed for
// its media type), what is wrong with its body before Prism sees it (not UTF-8, over the limit,
// malformed JSON), its mock preferences, and whether Prism's own checks (security, parameters,
// body) find nothing to say about it: a clean request may be answered from the answer cache
// (mock-answer.ts), since Prism answers every clean request to an operation alike.
// The clean check is Prism's validateSecurity and validateInput composed again from their parts
// (private-hooks.ts' prismRequestChecks), with what does not depend on the request prepared once
// per operation: the security handlers found, the path template compiled (Prism compiles it with
// `Function` on every request), checks of absent parameter kinds dropped, media types parsed once;
// the body check (validateBody) and the parameter checks (validateParams) rebuilt from their parts,
// with the documented content per media type, the prepared schemas and the parameters' schema found
// once. Schemas are checked by the validators Prism's own validateAgainstSchema compiles (its ajv,
// its options), taken once per schema and called directly (schemaVerdict). A request target is
// read as the URL parser reads it, without one for the usual plain target (requestInput).
// Every shortcut is compared with Prism's own checks in test/mock-engine/mock-engine.test.ts.
import { createRequire } from "node:module";
import { ajvCompiledDuring, prismRequestChecks, prismServerInternals } from "./private-hooks.js";
import type {
  BodyRead,
  Either,
  MockPreferences,
  MockRequest,
  Operation,
  PrismConfig,
  PrismInput,
  Violation,
} from "./mock-types.js";

const require = createRequire(import.meta.url);
const { is: typeIs } = require("type-is") as { is: (mediaType: string, types: string[]) => string | false };
const getHttpConfigFromRequest = prismServerInternals().getHttpConfigFromRequest as (
  input: PrismInput,
) => Either<{ detail?: unknown }, MockPreferences>;
const prism = prismRequestChecks();

function queryOf(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** A request target the WHATWG URL parser leaves as it is: an origin-form path (not `//`) and
 * query of characters it neither escapes nor decodes, no `+` or `%` in the query (which
 * URLSearchParams decodes), no dot segment (`.`, `..`, `%2e`), which it resolves. */
const PLAIN_TARGET = /^\/(?!\/)[A-Za-z0-9\-._~!$&()*+,;=:@/%]*(\?[A-Za-z0-9\-._~!$&()*,;=:@/?]*)?$/;
const DOT_SEGMENT = /\/\.|%2e/i;

/** The query of a plain target as URLSearchParams reads it: `&`-separated, empty parts skipped,
 * the name up to the first `=`; a repeated name's values in order. */
function plainQuery(search: string): Record<string, string | string[]> {
  const values = new Map<string, string[]>();
  for (const part of search.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const [name, value] = eq < 0 ? [part, ""] : [part.slice(0, eq), part.slice(eq + 1)];
    const list = values.get(name);
    if (list) list.push(value);
    else values.set(name, [value]);
  }
  const query: Record<string, string | string[]> = {};
  for (const [name, list] of values) query[name] = list.length === 1 ? list[0]! : list;
  return query;
}

/** The request as Prism's engine reads it, its body not yet read (null): path and query as the
 * WHATWG URL parser reads them (a plain target, the usual one, read without it). */
export function requestInput(req: MockRequest): PrismInput {
  const target = req.url ?? "/";
  let path: string;
  let query: Record<string, string | string[]> = {};
  let baseUrl: string | undefined;
  if (PLAIN_TARGET.test(target) && !DOT_SEGMENT.test(target)) {
    const mark = target.indexOf("?");
    path = mark < 0 ? target : target.slice(0, mark);
    if (mark >= 0 && mark < target.length - 1) {
      query = plainQuery(target.slice(mark + 1));
      const server = query.__server;
      baseUrl = (Array.isArray(server) ? server[0] : server) || undefined;
    }
  } else {
    const url = new URL(target, "http://mock.invalid");
    path = url.pathname;
    if (url.search) {
      query = queryOf(url.searchParams);
      baseUrl = url.searchParams.get("__server") || undefined;
    }
  }
  return {
    method: (req.method ?? "get").toLowerCase(),
    url: { path, baseUrl, query },
    headers: req.headers,
    body: null,
  };
}

/** A body Prism can split as a form. Prism decodes form fields with decodeURIComponent and
 * throws ("URI malformed") on a stray `%` or an escape that is not UTF-8, where servers read the
 * form leniently: such a body is re-encoded as the WHATWG form parser reads it (a stray `%` stays
 * literal, a bad sequence becomes U+FFFD). Other bodies pass unchanged. */
function formSafe(text: string): string {
  for (const part of text.split(/[&=]/)) {
    try {
      decodeURIComponent(part);
    } catch {
      const pairs = [...new URLSearchParams(text)];
      return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    }
  }
  return text;
}

/** `f` remembered for up to 256 arguments (it is pure; the bound stops a flood of distinct values). */
function remembered<T>(f: (key: string) => T): (key: string) => T {
  const seen = new Map<string, T>();
  return (key) => {
    let value = seen.get(key);
    if (value === undefined && !seen.has(key)) {
      value = f(key);
      if (seen.size < 256) seen.set(key, value);
    }
    return value as T;
  };
}

/** Whether the Content-Type header's media type (parameters aside) is one of `types`. */
function mediaTypeIs(contentType: string, types: string[]): boolean {
  const base = contentType.split(";")[0]?.trim();
  return !!base && !!typeIs(base, types);
}

/** How the body of a Content-Type is read: as a form (urlencoded or multipart), urlencoded, JSON. */
const bodyKind = remembered((contentType: string) => ({
  form: mediaTypeIs(contentType, ["application/x-www-form-urlencoded", "multipart/form-data"]),
  urlencoded: mediaTypeIs(contentType, ["application/x-www-form-urlencoded"]),
  json: mediaTypeIs(contentType, ["application/json", "application/*+json"]),
}));
const NO_KIND = { form: false, urlencoded: false, json: false };

/** What the body step found: the problems of a body Prism cannot read, and whether one was sent. */
export interface BodyFindings {
  problems: Violation[];
  /** It had a body that is not a form (a form is consumed as fields, and servers such as
   * Livebridge's then find no body). */
  sentBody: boolean;
}

/** Puts the body into `input` as Prism reads it (text; a form made safe; JSON parsed). */
export function readInputBody(input: PrismInput, read: BodyRead): BodyFindings {
  const contentType = input.headers["content-type"] as string | undefined;
  if (read.kind === "none") return { problems: [], sentBody: false };
  if (read.kind === "bad")
    return {
      problems: [{ location: ["request", "body"], severity: "Error", code: read.code, message: read.message }],
      sentBody: true,
    };
  const kind = contentType ? bodyKind(contentType) : NO_KIND;
  const sentBody = read.text.length > 0 && !kind.form;
  input.body = kind.urlencoded ? formSafe(read.text) : read.text;
  if (kind.json) {
    try {
      input.body = JSON.parse(read.text);
    } catch (err) {
      return {
        problems: [
          {
            location: ["request", "body"],
            severity: "Error",
            code: "invalid-json",
            message: `request body is not valid JSON: ${(err as Error).message}`,
          },
        ],
        sentBody,
      };
    }
  }
  return { problems: [], sentBody };
}

/** What getHttpConfigFromRequest reads from a request without a Prefer header or `__` parameters. */
const NO_PREFERENCES: Either<never, MockPreferences> = {
  _tag: "Right",
  right: { code: undefined, exampleKey: undefined, dynamic: undefined, seed: undefined },
};

/** The request's mock preferences (Prefer header, else the `__code`… query parameters), as Prism reads them. */
export function preferencesOf(input: PrismInput): Either<{ detail?: unknown }, MockPreferences> {
  const { query } = input.url;
  const none =
    input.headers.prefer === undefined &&
    query.__code === undefined &&
    query.__dynamic === undefined &&
    query.__seed === undefined &&
    query.__example === undefined;
  return none ? NO_PREFERENCES : getHttpConfigFromRequest(input);
}

/** The part of Prism's IHttpOperation its request checks read. */
interface CheckedOperation {
  path: string;
  security?: ({ name?: string } & object)[][];
  request?: {
    body?: { required?: boolean; contents?: BodyContent[] };
    headers?: CheckedParam[];
    query?: CheckedParam[];
    path?: CheckedParam[];
  };
  __bundled__?: unknown;
}

/** A request check: true when Prism's check has nothing to say. */
type Check = (input: PrismInput) => boolean;

const INPUT = 0; // Prism's ValidationContext.Input
const right = (result: { _tag: string }) => result._tag === "Right";

/**
 * Prism's validateAgainstSchema(value, schema, coerce, Input, prefix, bundle) reduced to its
 * verdict (true: no errors), on a copy of the schema that only this verdict checks (so its first
 * check is ours): that first check, made here on a probe value, is when Prism's ajv compiles
 * the validator it keeps for the schema, and the verdict then calls that validator itself, as
 * Prism's pipe does, without the pipe's fp-ts steps: no errors when compiling or validating
 * throws, or when the validator leaves no errors. Where no compile is seen (Prism had compiled it
 * already, or compiling threw), every check goes through validateAgainstSchema itself.
 */
export function schemaVerdict(
  shared: object,
  coerce: boolean,
  prefix: string,
  bundle?: unknown,
): (value: unknown) => boolean {
  // A copy of its own: Prism caches one validator per schema object whatever `coerce` is, and
  // compiles the same validator from a copy (it compiles `{ ...schema, __bundled__ }`).
  const schema = { ...shared };
  const viaPrism = (value: unknown) =>
    prism.validateAgainstSchema(value, schema, coerce, INPUT, prefix, bundle)._tag === "None";
  const compiled = ajvCompiledDuring(() => {
    try {
      viaPrism(undefined); // the probe: only its compile matters
    } catch {
      // Prism would throw on this check too; whatever it compiled is still the one it keeps.
    }
  });
  const validate = compiled.length === 1 ? compiled[0]! : undefined;
  if (!validate) return viaPrism;
  return (value) => {
    try {
      validate(value);
    } catch {
      return true;
    }
    const errors = validate.errors;
    return !errors || errors.length === 0;
  };
}

/** A header as Prism reads it (caseless' get: the last header of that name in any case). */
function headerOf(headers: PrismInput["headers"], name: string): string | undefined {
  let value: string | undefined;
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name) value = headers[key] as string;
  return value;
}

const parseMIMEHeader = remembered(prism.parseMIMEHeader);

/** Prism's validateSecurity: some requirement whose every scheme's handler accepts the request. */
function securityCheck(operation: CheckedOperation): Check | undefined {
  const requirements = operation.security;
  if (!requirements?.length) return undefined;
  const alternatives = requirements.map((schemes): Check[] => {
    if (schemes.length === 0) return [(input) => right(prism.noneSecurityHandler(input))];
    return schemes.map((scheme): Check => {
      const found = prism.findSecurityHandler(scheme);
      if (found._tag === "Left") return () => false; // a scheme Prism does not support: its warning
      const handler = found.right;
      const name = "name" in scheme ? String(scheme.name) : "";
      return (input) => right(handler(input, name));
    });
  });
  return (input) => alternatives.some((checks) => checks.every((check) => check(input)));
}

/** A request body's media type entry as the operation documents it (IHttpMediaContent's part read here). */
interface BodyContent {
  mediaType?: string;
  schema?: object;
  encodings?: unknown[];
}

type PreparedSchema = { _tag: "None" } | { _tag: "Some"; value: object };
/** Prism's body-schema preparation (allOf merged, readOnly properties dropped), once per schema. */
const preparedSchemas = new WeakMap<object, PreparedSchema>();
function preparedSchema(schema: object): PreparedSchema {
  let prepared = preparedSchemas.get(schema);
  if (!prepared) {
    let merged = schema;
    try {
      merged = prism.mergeAllOf(schema, { deep: true, ignoreAdditionalProperties: true });
    } catch {
      // Prism validates against the schema as written when allOf cannot be merged.
    }
    preparedSchemas.set(schema, (prepared = prism.stripReadOnlyProperties(merged)));
  }
  return prepared;
}

const FORMS = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** Prism's splitUriParams: a form body's `name=value` pairs, still encoded (the last of a name wins). */
function splitForm(target: string): Record<string, string> {
  return target.split("&").reduce<Record<string, string>>((result, pair) => {
    const [key, ...rest] = pair.split("=");
    result[key!] = rest.join("=");
    return result;
  }, {});
}

/** Prism's decodeUriEntities: each name and value decoded (`+` as a space in a urlencoded form);
 * a value that cannot be decoded kept as sent (a name that cannot be decoded throws, as in Prism). */
function decodeForm(target: Record<string, string>, urlencoded: boolean): Record<string, string> {
  return Object.entries(target).reduce<Record<string, string>>((result, [k, v]) => {
    try {
      if (urlencoded) v = v.replaceAll("+", "%20");
      result[decodeURIComponent(k)] = decodeURIComponent(v);
    } catch {
      result[decodeURIComponent(k)] = v;
    }
    return result;
  }, {});
}

/** How Prism checks a body of one media type: not at all, as JSON (a value), as a form without
 * encodings (its fields), or through its whole validateBody (multipart, encodings: rare). */
type BodyPlan =
  | { kind: "nothing" }
  | { kind: "whole" }
  | { kind: "value"; valid: (value: unknown) => boolean }
  | { kind: "form"; valid: (fields: unknown) => boolean; urlencoded: boolean; properties?: string[] };

/**
 * Prism's validateBody (validators/body.js' validate) with what does not depend on the body
 * done once per operation and request media type: the documented content it validates against
 * (the first whose media type matches, else the first; with no media type, the first), whether
 * it reads the body as a form, and the schema prepared as Prism prepares it. The schema check is
 * the validator Prism's validateAgainstSchema compiles for it (schemaVerdict), one per plan. A
 * form is read as Prism reads it (split, decoded, the schema's properties picked, types coerced,
 * no bundle); a multipart form or one with encodings goes through Prism's validateBody whole.
 */
function bodySchemaCheck(
  contents: BodyContent[],
  bundle: unknown,
): (body: unknown, mediaType: string | undefined, boundary: string | undefined) => boolean {
  const plan = (mediaType: string | undefined): BodyPlan => {
    const content =
      mediaType === undefined || mediaType === null
        ? contents[0]
        : (contents.find((c) => prism.wildcardMediaTypeMatch(mediaType, c.mediaType!)) ?? contents[0]);
    const prepared = content?.schema ? preparedSchema(content.schema) : undefined;
    if (!prepared || prepared._tag === "None") return { kind: "nothing" };
    const schema = prepared.value as { properties?: object };
    if (mediaType === undefined || mediaType === null || !prism.typeIs(mediaType, FORMS))
      return { kind: "value", valid: schemaVerdict(schema, false, "body", bundle) };
    if (
      content!.mediaType === "multipart/form-data" ||
      (content!.encodings !== undefined && !(Array.isArray(content!.encodings) && content!.encodings.length === 0))
    )
      return { kind: "whole" };
    const urlencoded = !!prism.typeIs(String(content!.mediaType), ["application/x-www-form-urlencoded"]);
    return {
      kind: "form",
      valid: schemaVerdict(schema, true, "body"),
      urlencoded,
      ...(schema.properties ? { properties: Object.keys(schema.properties) } : {}),
    };
  };
  const planFor = remembered((mediaType: string) => plan(mediaType));
  const untyped = plan(undefined);
  return (body, mediaType, boundary) => {
    const found = mediaType === undefined || mediaType === null ? untyped : planFor(mediaType);
    switch (found.kind) {
      case "nothing":
        return true;
      case "whole":
        return right(prism.validateBody(body, contents, INPUT, mediaType, boundary, bundle));
      case "value":
        return found.valid(body);
      case "form": {
        if (typeof body !== "string") return false;
        const decoded = decodeForm(splitForm(body), found.urlencoded);
        let fields: Record<string, string | undefined> = decoded;
        if (found.properties) {
          fields = {};
          for (const property of found.properties) fields[property] = decoded[property];
        }
        return found.valid(fields);
      }
    }
  };
}

/** Prism's validateInput's body part: required, a media type the operation takes, the schema. */
function bodyCheck(operation: CheckedOperation): Check {
  const requestBody = operation.request?.body;
  const contents = requestBody?.contents;
  const bundle = operation.__bundled__;
  const takes = remembered(
    (mediaType: string) =>
      !contents || contents.some((c) => !c.mediaType || prism.wildcardMediaTypeMatch(mediaType, c.mediaType)),
  );
  const schemaCheck = bodySchemaCheck(contents ?? [], bundle);
  return (input) => {
    const { body } = input;
    if (requestBody?.required && !body) return false;
    const headers = input.headers || {};
    const contentType = headerOf(headers, "content-type");
    const [boundary, mediaType] = contentType ? parseMIMEHeader(contentType) : [undefined, undefined];
    if ((parseInt(headerOf(headers, "content-length")!) || 0) !== 0) {
      if (!requestBody) return false;
      if (mediaType !== undefined && !takes(mediaType)) return false;
    }
    if (body === null || body === undefined || !requestBody) return true;
    return schemaCheck(body, mediaType, boundary);
  };
}

/** The part of Prism's IHttpParam its parameter checks read. */
interface CheckedParam {
  name: string;
  style?: string;
  explode?: boolean;
  deprecated?: boolean;
  required?: boolean;
  schema?: unknown;
}

/**
 * Prism's validateParams (validators/params.js; validateHeaders, validateQuery and validatePath
 * are it with a kind's deserializers, prefix and default style) with what does not depend on the
 * request done once per operation: the parameters' schema (as Prism's createJsonSchemaFromParams
 * builds it), each parameter's deserializer and property schema, the deprecated ones. Per request:
 * a deprecated parameter that is sent is a warning; the values deserialized as Prism does (falsy
 * ones dropped) are checked by the validator Prism compiles for the schema (types coerced).
 */
function paramsCheck(
  specs: CheckedParam[],
  kind: "header" | "query" | "path",
  bundle: unknown,
): (target: Record<string, unknown>) => boolean {
  const { keyBy, mapValues, pickBy, compact } = prism.lodash;
  const [prefix, defaultStyle] = kind === "query" ? ["query", "form"] : [kind, "simple"];
  const deserializers = prism.deserializers[kind];
  const schema = {
    type: "object",
    properties: pickBy(
      mapValues(
        keyBy(specs, (p) => p.name.toLocaleLowerCase()),
        "schema",
      ),
    ) as Record<string, unknown>,
    required: compact(specs.map((m) => (m.required ? m.name.toLowerCase() : undefined))),
  };
  const deprecated = specs.filter((spec) => spec.deprecated);
  const values = Object.entries(keyBy(specs, (s) => s.name.toLowerCase())).map(([key, el]) => ({
    key,
    name: el.name.toLowerCase(),
    deserializer: deserializers[el.style || defaultStyle],
    schema: schema.properties && schema.properties[el.name.toLowerCase()],
    explode: el.explode || false,
  }));
  const valid = schemaVerdict(schema, true, prefix, bundle);
  return (target) => {
    if (deprecated.some((spec) => target[spec.name])) return false;
    // lodash's mapKeys: own enumerable keys in order, a later key overwriting an equal one, and
    // `__proto__` an own property (its baseAssignValue), not the prototype.
    const lowered: Record<string, unknown> = {};
    for (const key of Object.keys(target)) {
      const name = key.toLowerCase();
      if (name === "__proto__")
        Object.defineProperty(lowered, name, {
          value: target[key],
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else lowered[name] = target[key];
    }
    const parameterValues: Record<string, unknown> = {};
    for (const v of values) {
      const value = v.deserializer ? v.deserializer(v.name, lowered, v.schema, v.explode) : undefined;
      if (value) parameterValues[v.key] = value; // lodash's pickBy: truthy values only
    }
    return valid(parameterValues);
  };
}

/** Prism's validateInput: body, then header, query and path parameters (those the operation has). */
function inputCheck(operation: CheckedOperation): Check {
  const request = operation.request;
  if (!request) return () => true;
  const bundle = operation.__bundled__;
  const checks: Check[] = [bodyCheck(operation)];
  const { headers, query, path } = request;
  if (headers?.length) {
    const check = paramsCheck(headers, "header", bundle);
    checks.push((input) => check(input.headers || {}));
  }
  if (query?.length) {
    const check = paramsCheck(query, "query", bundle);
    checks.push((input) => check(input.url.query || {}));
  }
  if (path?.length) {
    const template = new prism.UriTemplate(operation.path);
    const check = paramsCheck(path, "path", bundle);
    checks.push((input) => check(template.match(input.url.path) as Record<string, unknown>));
  }
  return (input) => checks.every((check) => check(input));
}

/**
 * The clean check of one operation, prepared once: whether Prism's checks, as its engine runs
 * them with `config`, find nothing at all to say about a request (no error, no warning). Then
 * Prism answers it as it answers every clean request with the same preferences and Accept. A
 * check that throws counts as something to say.
 */
export function cleanCheck(operation: Operation, config: PrismConfig): Check {
  const checked = operation as CheckedOperation;
  const checks = [
    config.checkSecurity ? securityCheck(checked) : undefined,
    config.validateRequest ? inputCheck(checked) : undefined,
  ].filter((c): c is Check => !!c);
  return (input) => {
    try {
      return checks.every((check) => check(input));
    } catch {
      return false;
    }
  };
}

/** Prism's own checks, whole, as its engine runs them: what cleanCheck must agree with. */
export function prismFindsNothing(operation: Operation, input: PrismInput, config: PrismConfig): boolean {
  try {
    if (config.checkSecurity && !right(prism.validateSecurity({ resource: operation, element: input }))) return false;
    return !config.validateRequest || right(prism.validateInput({ resource: operation, element: input }));
  } catch {
    return false;
  }
}
