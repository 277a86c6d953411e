// What a generated client's result must hold at run time for the answer it got, called with no
// parse option: `data` (or `error`) is the declared type of that status's documented media type —
// a string for text, undefined for no content, for JSON a value its schema accepts.
import type { OpenApiDocument, OperationObject } from "../../scripts/openapi/openapi-document.js";
import { declaredResponse, mediaKey } from "../../scripts/conformance/http-check.js";
import { validate } from "../../scripts/conformance/ajv.js";
import { bodyKindOf } from "../../scripts/templates/runtime/response-media.js";

export interface ClientResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

const describe = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);

/**
 * Problems of a result against the operation's declared response for the status received ([]
 * when `data` or `error` is what the declaration says). A failed answer without a body gets the
 * runtime's `HTTP <status> <reason>` string.
 */
export function checkResultType(
  doc: OpenApiDocument,
  operation: OperationObject,
  method: string,
  result: ClientResult,
): string[] {
  const { response } = result;
  const side = response.ok ? "data" : "error";
  const value = response.ok ? result.data : result.error;
  const declared = declaredResponse(doc, operation, response.status);
  if (!declared) return [`status ${response.status} is not documented`];
  const content = declared.content ?? {};
  const noBody = method.toUpperCase() === "HEAD" || response.status === 204 || Object.keys(content).length === 0;
  if (noBody) {
    if (response.ok)
      return value === undefined ? [] : [`${side} should be undefined (no content), got ${describe(value)}`];
    return typeof value === "string" && value.startsWith(`HTTP ${response.status}`)
      ? []
      : [`${side} should be "HTTP ${response.status} …", got ${describe(value)}`];
  }
  const key = mediaKey(content, response.headers.get("content-type"));
  if (!key) return [`content-type ${response.headers.get("content-type")} is not documented for ${response.status}`];
  const kind = bodyKindOf(key);
  const schema = content[key]?.schema ?? {};
  if (kind === "text") {
    if (typeof value !== "string") return [`${side} should be a string (${key}), got ${describe(value)}`];
    // An empty text error becomes the runtime's `HTTP <status>` line.
    if (!response.ok && value.startsWith(`HTTP ${response.status}`)) return [];
    return validate(schema, value).map((e) => `${side} (${key}): ${e}`);
  }
  if (kind === "json") {
    if (value === undefined) return [`${side} should be parsed JSON (${key}), got ${describe(value)}`];
    return validate(schema, value).map((e) => `${side} (${key}): ${e}`);
  }
  return [`${key} has no body kind`];
}
