// Checks one HTTP exchange against an operation of a bundled spec: the request (credentials,
// parameters, body) and the response (status, headers, media type, body), with JSON Schema
// 2020-12 (Ajv). Each departure comes back once, with where it is and why; schema errors are
// grouped per offending value (schema-errors.ts). Used by the validating proxy and the tests.
import { schemaErrors } from "./ajv.js";
import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  ResponseObject,
  SchemaObject,
  SecuritySchemeObject,
} from "../openapi/openapi-document.js";
import { deref } from "../openapi/openapi.js";
import { groupSchemaErrors } from "./schema-errors.js";

export interface Departure {
  side: "request" | "response";
  /** `status`, `header Etag`, `query limit`, `credentials`, `content-type`, `body`, `body /checks/0`… */
  at: string;
  cause: string;
  /** The items of an array that share this departure (`body /checks/*`). */
  instances?: string[];
}

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  /** The body as text ("" when empty). */
  text: string;
}

export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  /** The body as text ("" when empty). */
  text: string;
}

/** Schema departures of one value; `quote` lets causes quote its strings (parameters only: bodies and headers may hold credentials). */
function schemaDepartures(
  side: Departure["side"],
  at: string,
  schema: unknown,
  value: unknown,
  quote = false,
): Departure[] {
  return groupSchemaErrors(schemaErrors(schema ?? {}, value), { quote }).map((f) => ({
    side,
    at: f.pointer ? `${at} ${f.pointer}` : at,
    cause: f.cause,
    ...(f.instances ? { instances: f.instances } : {}),
  }));
}

/** The declared response for a status: exact code, then range (4XX), then default. */
export function declaredResponse(
  doc: OpenApiDocument,
  operation: OperationObject,
  status: number,
): ResponseObject | undefined {
  const responses = operation.responses ?? {};
  return deref<ResponseObject>(
    doc,
    responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default,
  );
}

/** The key of `content` that a Content-Type selects: exact, then same base type, then `type/*`, then `*\/*`. */
export function mediaKey(content: object, contentType: string | null): string | undefined {
  const keys = Object.keys(content);
  if (!contentType) return keys.length === 1 ? keys[0] : undefined;
  const base = contentType.split(";")[0]!.trim().toLowerCase();
  const lower = (k: string) => k.split(";")[0]!.trim().toLowerCase();
  return (
    keys.find((k) => k.toLowerCase() === contentType.toLowerCase()) ??
    keys.find((k) => lower(k) === base) ??
    keys.find((k) => lower(k) === `${base.split("/")[0]}/*`) ??
    keys.find((k) => lower(k) === "*/*")
  );
}

/** A string from a URL, header or form, typed as its schema says when it reads as that type. */
export function coerceScalar(schema: SchemaObject, raw: string): unknown {
  const types = [schema?.type].flat();
  if ((types.includes("integer") || types.includes("number")) && raw.trim() !== "" && !Number.isNaN(Number(raw)))
    return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  if (types.includes("null") && raw === "") return null;
  return raw;
}

function coerceValues(doc: OpenApiDocument, schema: SchemaObject, values: string[], explode: boolean): unknown {
  const types = [schema?.type].flat();
  if (types.includes("array")) {
    const items = explode ? values : values.flatMap((v) => v.split(","));
    const itemSchema = deref(doc, schema.items ?? {});
    return items.map((v) => coerceScalar(itemSchema, v));
  }
  return coerceScalar(schema, values[0]!);
}

/**
 * The body as the value its schema describes: JSON parsed, a form as an object of (typed) fields.
 * Multipart forms are parsed asynchronously by the caller and passed in as `form`.
 */
function parseBody(
  doc: OpenApiDocument,
  key: string,
  text: string,
  schema: SchemaObject,
  form?: Map<string, string[]>,
): { value: unknown } | { problem: string } {
  if (/json/i.test(key)) {
    try {
      return { value: JSON.parse(text) };
    } catch (err) {
      return { problem: `is not JSON (${(err as Error).message})` };
    }
  }
  let fields = form;
  if (/x-www-form-urlencoded/i.test(key)) {
    fields = new Map();
    for (const [name, value] of new URLSearchParams(text)) fields.set(name, [...(fields.get(name) ?? []), value]);
  }
  if (/multipart\/form-data/i.test(key) && !fields)
    return { problem: "is multipart/form-data, which is checked in requests only" };
  if (!fields) return { value: text };
  const value: Record<string, unknown> = {};
  for (const [name, values] of fields)
    value[name] = coerceValues(doc, deref(doc, schema?.properties?.[name] ?? {}), values, true);
  return { value };
}

/** The fields of a multipart/form-data body (a file part counts as its file name), or an error message. */
async function multipartFields(text: string, contentType: string | null): Promise<Map<string, string[]> | string> {
  const fields = new Map<string, string[]>();
  try {
    // undici's parser, via the Fetch API's Response; the boundary comes from Content-Type
    const form = await new Response(text, {
      headers: { "content-type": contentType ?? "multipart/form-data" },
    }).formData();
    for (const [name, value] of form)
      fields.set(name, [...(fields.get(name) ?? []), typeof value === "string" ? value : value.name]);
    return fields;
  } catch (err) {
    return `is not multipart/form-data (${(err as Error).message})`;
  }
}

/** One line: `response body /checks/*: cause (items /checks/0, /checks/1)`. */
export function formatDeparture(d: Departure): string {
  return `${d.side} ${d.at}: ${d.cause}${d.instances ? ` (${d.instances.length} items: ${d.instances.join(", ")})` : ""}`;
}

// --- response ---------------------------------------------------------------------------------

/** Departures of a response from the operation ([] when it matches). HEAD responses have no body to check. */
export function checkResponse(
  doc: OpenApiDocument,
  operation: OperationObject,
  res: ReceivedResponse,
  method: string,
): Departure[] {
  const out: Departure[] = [];
  const declared = declaredResponse(doc, operation, res.status);
  if (!declared) {
    return [
      {
        side: "response",
        at: "status",
        cause: `${res.status} is not documented (documented: ${Object.keys(operation.responses ?? {}).join(", ")})`,
      },
    ];
  }
  for (const [name, rawHeader] of Object.entries(declared.headers ?? {})) {
    if (name.toLowerCase() === "content-type") continue; // OpenAPI: described by `content`, not here
    const header = deref(doc, rawHeader);
    const value = res.headers.get(name);
    if (value === null) {
      if (header.required) out.push({ side: "response", at: `header ${name}`, cause: "is required but missing" });
      continue;
    }
    const schema = deref(doc, header.schema ?? {});
    out.push(...schemaDepartures("response", `header ${name}`, schema, coerceScalar(schema, value)));
  }
  const content = declared.content;
  if (method.toLowerCase() === "head") {
    if (res.text !== "") out.push({ side: "response", at: "body", cause: "HEAD answered with a body" });
    return out;
  }
  if (!content || Object.keys(content).length === 0) {
    if (res.text !== "")
      out.push({
        side: "response",
        at: "body",
        cause: `status ${res.status} documents no body, but ${Buffer.byteLength(res.text)} bytes were sent`,
      });
    return out;
  }
  const contentType = res.headers.get("content-type");
  const key = mediaKey(content, contentType);
  if (!key) {
    const cause =
      res.text === "" && !contentType
        ? `is empty, the spec documents ${Object.keys(content).join(", ")}`
        : `content-type ${contentType ?? "(none)"} is not documented for ${res.status} (documented: ${Object.keys(content).join(", ")})`;
    return [...out, { side: "response", at: contentType ? "content-type" : "body", cause }];
  }
  const schema = deref(doc, content[key]?.schema ?? {});
  const parsed = parseBody(doc, key, res.text, schema);
  if ("problem" in parsed) return [...out, { side: "response", at: "body", cause: parsed.problem }];
  return [...out, ...schemaDepartures("response", "body", schema, parsed.value)];
}

// --- request ----------------------------------------------------------------------------------

function cookies(headers: Headers): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0) jar.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  return jar;
}

/** Whether the request carries the credential a security scheme asks for (presence and form, not validity). */
function hasCredential(scheme: SecuritySchemeObject, req: SentRequest): boolean {
  const authorization = req.headers.get("authorization") ?? "";
  if (scheme.type === "apiKey") {
    const name = scheme.name ?? "";
    if (scheme.in === "header") return req.headers.has(name);
    if (scheme.in === "query") return req.url.searchParams.has(name);
    if (scheme.in === "cookie") return cookies(req.headers).has(name);
    return false;
  }
  if (scheme.type === "http") return authorization.toLowerCase().startsWith(`${String(scheme.scheme).toLowerCase()} `);
  return authorization.toLowerCase().startsWith("bearer "); // oauth2, openIdConnect
}

function describeScheme(scheme: SecuritySchemeObject): string {
  if (scheme.type === "apiKey") return `${scheme.name} ${scheme.in}`;
  if (scheme.type === "http") return `Authorization: ${scheme.scheme}`;
  return "Authorization: Bearer";
}

/**
 * Departures of a request from the operation: credentials (presence), path, query, header and
 * cookie parameters, and the body. `parameters` are the operation's resolved parameters
 * (path-level and own); `pathParams` what the path matched.
 */
export async function checkRequest(
  doc: OpenApiDocument,
  operation: OperationObject,
  parameters: ParameterObject[],
  pathParams: Record<string, string>,
  req: SentRequest,
): Promise<Departure[]> {
  const out: Departure[] = [];
  const security = operation.security ?? doc.security ?? [];
  const schemes = doc.components?.securitySchemes ?? {};
  const scheme = (name: string) => deref(doc, schemes[name]);
  if (security.length > 0) {
    const satisfied = security.some((requirement) =>
      Object.keys(requirement).every((name) => {
        const declared = scheme(name);
        return declared !== undefined && hasCredential(declared, req);
      }),
    );
    if (!satisfied) {
      const describe = (name: string) => {
        const declared = scheme(name);
        return declared ? describeScheme(declared) : `${name} (no such security scheme)`;
      };
      const options = security.map((r) => Object.keys(r).map(describe).join(" + ") || "none");
      out.push({
        side: "request",
        at: "credentials",
        cause: `carries none the operation accepts (${options.join(", or ")})`,
      });
    }
  }

  const jar = cookies(req.headers);
  for (const param of parameters) {
    const schema = deref(doc, param.schema ?? {});
    const where = `${param.in} ${param.name}`;
    let values: string[];
    if (param.in === "path") values = pathParams[param.name] !== undefined ? [pathParams[param.name]!] : [];
    else if (param.in === "query") values = req.url.searchParams.getAll(param.name);
    else if (param.in === "header") values = req.headers.has(param.name) ? [req.headers.get(param.name)!] : [];
    else if (param.in === "cookie") values = jar.has(param.name) ? [jar.get(param.name)!] : [];
    else continue;
    if (values.length === 0) {
      if (param.required) out.push({ side: "request", at: where, cause: "is required but missing" });
      continue;
    }
    const explode = param.explode ?? (param.in === "query" || param.in === "cookie");
    out.push(
      ...schemaDepartures(
        "request",
        where,
        schema,
        coerceValues(doc, schema, values, explode),
        param.in === "path" || param.in === "query",
      ),
    );
  }

  const body = deref(doc, operation.requestBody);
  if (req.text === "") {
    if (body?.required)
      out.push({
        side: "request",
        at: "body",
        cause: `is required but missing (${Object.keys(body.content ?? {}).join(", ")})`,
      });
    return out;
  }
  if (!body) {
    if (!["get", "head", "delete"].includes(req.method.toLowerCase()) || req.text.trim() !== "") {
      out.push({
        side: "request",
        at: "body",
        cause: `the operation takes no body, but ${Buffer.byteLength(req.text)} bytes were sent`,
      });
    }
    return out;
  }
  const content = body.content ?? {};
  const key = mediaKey(content, req.headers.get("content-type"));
  if (!key) {
    out.push({
      side: "request",
      at: "content-type",
      cause: `${req.headers.get("content-type") ?? "(none)"} is not accepted (accepted: ${Object.keys(content).join(", ")})`,
    });
    return out;
  }
  const schema = deref(doc, content[key]?.schema ?? {});
  let form: Map<string, string[]> | undefined;
  if (/multipart\/form-data/i.test(key)) {
    const fields = await multipartFields(req.text, req.headers.get("content-type"));
    if (typeof fields === "string") return [...out, { side: "request", at: "body", cause: fields }];
    form = fields;
  }
  const parsed = parseBody(doc, key, req.text, schema, form);
  if ("problem" in parsed) return [...out, { side: "request", at: "body", cause: parsed.problem }];
  return [...out, ...schemaDepartures("request", "body", schema, parsed.value)];
}
