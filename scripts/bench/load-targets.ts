// What the load benchmark sends to each mock: one GET and one POST built from the spec's
// examples, with credentials of the API's first security scheme.
import { readFileSync } from "node:fs";
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { deref, listOperations, type OperationRef } from "../openapi/openapi.js";
import { bundlePath } from "../registry/generated-paths.js";
import { buildRequest } from "../openapi/request-builder.js";

export interface LoadTarget {
  label: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** The example body a trivial server would answer with (the ceiling). */
  answer: { status: number; contentType: string; body: string };
}

function credentials(doc: OpenApiDocument, op: OperationRef): Record<string, string> {
  const requirement = (op.operation.security ?? doc.security ?? []).find((r: object) => Object.keys(r).length > 0);
  const name = requirement ? Object.keys(requirement)[0] : undefined;
  const scheme = name ? deref<Record<string, any>>(doc, doc.components?.securitySchemes?.[name]) : undefined;
  if (!scheme) return {};
  if (scheme.type === "http" && scheme.scheme === "bearer") return { Authorization: "Bearer bench-token" };
  if (scheme.type === "http" && scheme.scheme === "basic") return { Authorization: `Basic ${Buffer.from("key:secret").toString("base64")}` };
  if (scheme.type === "apiKey" && scheme.in === "header") return { [scheme.name]: "a".repeat(32) };
  if (scheme.type === "apiKey" && scheme.in === "cookie") return { Cookie: `${scheme.name}=${"a".repeat(32)}` };
  return {};
}

/** A valid request for `op` from the spec's examples, as raw method, path, headers and body. */
export function toTarget(doc: OpenApiDocument, op: OperationRef): LoadTarget {
  const req = buildRequest(doc, op);
  let path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(String(req.params.path?.[name])));
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(req.params.query ?? {})) for (const item of [v].flat()) query.append(k, String(item));
  if ([...query].length) path += `?${query}`;
  const headers: Record<string, string> = { ...credentials(doc, op), ...Object.fromEntries(Object.entries(req.params.header ?? {}).map(([k, v]) => [k, String(v)])) };
  let body: string | undefined;
  if (req.body !== undefined) {
    const type = req.mediaType ?? "application/json";
    headers["content-type"] = type;
    body = type === "application/x-www-form-urlencoded" ? new URLSearchParams(req.body as Record<string, string>).toString() : JSON.stringify(req.body);
  }
  const [status, response] = Object.entries<any>(op.operation.responses ?? {}).find(([s]) => s.startsWith("2"))!;
  const resolved = deref<Record<string, any>>(doc, response);
  const [contentType, media] = Object.entries<any>(resolved.content ?? { "application/json": {} })[0]!;
  const example = Object.values<any>(media.examples ?? {})[0];
  const value = example ? deref<Record<string, any>>(doc, example).value : {};
  return {
    label: `${op.method.toUpperCase()} ${op.path}`,
    method: op.method.toUpperCase(),
    path,
    headers,
    ...(body !== undefined ? { body } : {}),
    answer: { status: Number(status), contentType, body: typeof value === "string" ? value : JSON.stringify(value) },
  };
}

/** The first GET and the first POST of the API. */
export function loadTargets(api: ApiEntry): LoadTarget[] {
  const doc = JSON.parse(readFileSync(bundlePath(api), "utf8")) as OpenApiDocument;
  const ops = listOperations(doc);
  return ["get", "post"].flatMap((m) => {
    const op = ops.find((o) => o.method === m);
    return op ? [toTarget(doc, op)] : [];
  });
}
