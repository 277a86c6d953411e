// Checks a response against the operation's documented responses: status, media type, body
// schema (Ajv 2020-12) and response headers.
import type { OpenApiDocument } from "../../scripts/lib/bundle.js";
import { deref } from "../../scripts/lib/openapi.js";
import { validate } from "../support/ajv.js";

export interface ReceivedResponse {
  status: number;
  headers: Headers;
  /** The body as text ("" when empty). */
  text: string;
}

/** The declared response for a status: exact code, then range (4XX), then default. */
export function declaredResponse(doc: OpenApiDocument, operation: Record<string, any>, status: number): Record<string, any> | undefined {
  const responses = operation.responses ?? {};
  const raw = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return raw ? deref(doc, raw) : undefined;
}

function mediaKey(content: Record<string, any>, contentType: string | null): string | undefined {
  const keys = Object.keys(content);
  if (!contentType) return keys.length === 1 ? keys[0] : undefined;
  const base = contentType.split(";")[0]!.trim().toLowerCase();
  return keys.find((k) => k.toLowerCase() === contentType.toLowerCase()) ?? keys.find((k) => k.split(";")[0]!.trim().toLowerCase() === base);
}

function headerValue(schema: Record<string, any>, raw: string): unknown {
  const types = [schema.type].flat();
  if ((types.includes("integer") || types.includes("number")) && raw.trim() !== "" && !Number.isNaN(Number(raw))) return Number(raw);
  if (types.includes("boolean") && (raw === "true" || raw === "false")) return raw === "true";
  return raw;
}

/** Problems found ([] when the response matches the spec). */
export function checkResponse(doc: OpenApiDocument, operation: Record<string, any>, res: ReceivedResponse, method: string): string[] {
  const problems: string[] = [];
  const violations = res.headers.get("sl-violations");
  if (violations) problems.push(`Prism reports violations: ${violations}`);
  const declared = declaredResponse(doc, operation, res.status);
  if (!declared) return [...problems, `status ${res.status} is not documented (documented: ${Object.keys(operation.responses ?? {}).join(", ")})`];

  for (const [name, rawHeader] of Object.entries((declared.headers ?? {}) as Record<string, any>)) {
    const header = deref<Record<string, any>>(doc, rawHeader);
    const value = res.headers.get(name);
    if (value === null) {
      if (header.required) problems.push(`required response header ${name} is missing`);
      continue;
    }
    const schema = deref(doc, header.schema ?? {});
    problems.push(...validate(schema, headerValue(schema as Record<string, any>, value)).map((e) => `header ${name}: ${e}`));
  }

  const content = declared.content as Record<string, any> | undefined;
  if (!content || method === "head") {
    if (!content && res.text !== "") problems.push(`status ${res.status} documents no body but one was sent: ${res.text.slice(0, 80)}`);
    return problems;
  }
  const key = mediaKey(content, res.headers.get("content-type"));
  if (!key) return [...problems, `content-type ${res.headers.get("content-type")} is not documented for ${res.status} (${Object.keys(content).join(", ")})`];
  const schema = deref(doc, content[key].schema ?? {});
  let body: unknown = res.text;
  if (/json/.test(key)) {
    try {
      body = JSON.parse(res.text);
    } catch {
      return [...problems, `body is not JSON: ${res.text.slice(0, 80)}`];
    }
  }
  problems.push(...validate(schema, body).map((e) => `body: ${e}`));
  return problems;
}
