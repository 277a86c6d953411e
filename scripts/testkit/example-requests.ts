// A valid request for an operation, built from the spec's examples as raw method, path, headers
// and body, with credentials of its first security scheme: what the tests send to the mocks and
// the load benchmark sends at load.
import type { ExampleObject, MediaTypeObject, ReferenceObject, ResponseObject } from "openapi3-ts/oas31";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { deref, type OperationRef } from "../openapi/openapi.js";
import { buildRequest } from "../openapi/request-builder.js";
import { firstRequiredScheme } from "../openapi/credentials.js";

export interface ExampleRequest {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The example body a trivial server would answer with (the ceiling). */
  answer: { status: number; contentType: string; body: string };
}

/** Header values for the scheme of the operation's first security requirement (any value of
 * the right form: the mocks check presence and form, not identity). */
function credentials(doc: OpenApiDocument, op: OperationRef): Record<string, string> {
  const scheme = firstRequiredScheme(doc, op)?.scheme;
  if (!scheme) return {};
  if (scheme.type === "http" && scheme.scheme === "bearer") return { Authorization: "Bearer bench-token" };
  if (scheme.type === "http" && scheme.scheme === "basic")
    return { Authorization: `Basic ${Buffer.from("key:secret").toString("base64")}` };
  if (scheme.type === "apiKey" && scheme.in === "header") return { [scheme.name!]: "a".repeat(32) };
  if (scheme.type === "apiKey" && scheme.in === "cookie") return { Cookie: `${scheme.name!}=${"a".repeat(32)}` };
  return {};
}

/** A valid request for `op` from the spec's examples, as raw method, path, headers and body. */
export function toTarget(doc: OpenApiDocument, op: OperationRef): ExampleRequest {
  const req = buildRequest(doc, op);
  let path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(req.params.path?.[name])));
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(req.params.query ?? {}))
    for (const item of [v].flat()) query.append(k, String(item));
  if ([...query].length) path += `?${query}`;
  const headers: Record<string, string> = {
    ...credentials(doc, op),
    ...Object.fromEntries(Object.entries(req.params.header ?? {}).map(([k, v]) => [k, String(v)])),
  };
  let body: string | undefined;
  if (req.body !== undefined) {
    const type = req.mediaType ?? "application/json";
    headers["content-type"] = type;
    body =
      type === "application/x-www-form-urlencoded"
        ? new URLSearchParams(req.body as Record<string, string>).toString()
        : JSON.stringify(req.body);
  }
  const [status, response] = Object.entries(op.operation.responses ?? {}).find(([s]) => s.startsWith("2"))!;
  const resolved = deref(doc, response as ResponseObject | ReferenceObject);
  const [contentType, media] = Object.entries<MediaTypeObject>(resolved.content ?? { "application/json": {} })[0]!;
  const example = Object.values(media.examples ?? {})[0];
  const value: unknown = example ? deref(doc, example as ExampleObject | ReferenceObject).value : {};
  return {
    label: `${op.method.toUpperCase()} ${op.path}`,
    method: op.method.toUpperCase(),
    path,
    headers,
    ...(body !== undefined ? { body } : {}),
    answer: { status: Number(status), contentType, body: typeof value === "string" ? value : JSON.stringify(value) },
  };
}
