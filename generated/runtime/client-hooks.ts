// Copied by `npm run build` from scripts/templates/runtime/client-hooks.ts, where it is edited and type-checked. Do not edit this copy.
// What the generated clients add to openapi-fetch: credential headers, form bodies, the declared
// media type of non-JSON requests, and a defined `error` for failed responses without a body.
import type { Client, Middleware } from "openapi-fetch";

/** `Authorization: Basic ...` for a key/secret pair. */
export function basicAuth(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return `Basic ${btoa(binary)}`;
}

/** Sets fixed credential headers on every request that does not already carry them. */
export function headerAuth(headers: Record<string, string>): Middleware {
  return {
    onRequest({ request }) {
      for (const [name, value] of Object.entries(headers)) {
        if (!request.headers.has(name)) request.headers.set(name, value);
      }
      return request;
    },
  };
}

/**
 * Body serializer: JSON by default; `application/x-www-form-urlencoded` gets one `append` per
 * array item and skips null/undefined (URLSearchParams(obj) would send "a,b" and "undefined").
 * A FormData body passes through untouched, so fetch sets the multipart boundary itself.
 */
export function serializeBody(body: unknown, headers?: Headers | Record<string, string>): unknown {
  const contentType = headerValue(headers, "content-type") ?? "";
  if (contentType.startsWith("application/x-www-form-urlencoded") && isRecord(body)) {
    const form = new URLSearchParams();
    forEachField(body, (k, v) => form.append(k, v));
    return form.toString();
  }
  if (body instanceof FormData || typeof body === "string") return body;
  return JSON.stringify(body);
}

function forEachField(body: Record<string, unknown>, add: (key: string, value: string) => void): void {
  for (const [key, value] of Object.entries(body)) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined && item !== null) add(key, String(item));
    }
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function headerValue(headers: Headers | Record<string, string> | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name);
  return key === undefined ? undefined : headers[key];
}

/** Request media types the spec requires where they are not JSON, by schemaPath and method. */
export type RequestMediaTypes = Record<string, Record<string, string>>;

type Fetcher = (
  path: string,
  init?: { headers?: Record<string, unknown> } & Record<string, unknown>,
) => Promise<unknown>;

/**
 * Makes calls to operations that accept no JSON send their declared media type by default, so
 * `client.POST("/api/v1/session", { body })` posts a form without the caller naming it.
 */
export function withRequestMediaTypes<C extends Client<any, any>>(client: C, table: RequestMediaTypes): C {
  const target = client as unknown as Record<string, Fetcher> & {
    request: (method: string, path: string, init?: Parameters<Fetcher>[1]) => Promise<unknown>;
  };
  const withMediaType = (method: string, path: string, init: Parameters<Fetcher>[1] = {}) => {
    const mediaType = table[path]?.[method.toLowerCase()];
    if (!mediaType || hasHeader(init.headers, "content-type")) return init;
    return { ...init, headers: { "Content-Type": mediaType, ...init.headers } };
  };
  for (const method of ["POST", "PUT", "PATCH", "DELETE"] as const) {
    const original = target[method]!;
    target[method] = (path, init) => original(path, withMediaType(method, path, init));
  }
  const request = target.request;
  target.request = (method, path, init) => request(method, path, withMediaType(method, path, init));
  return client;
}

function hasHeader(headers: Record<string, unknown> | undefined, name: string): boolean {
  return !!headers && Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/** The client methods that send a request (openapi-fetch's names), wrapped by the runtime's hooks. */
export const HTTP_METHODS = ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"] as const;

/** The `error` of a failed response that has no body: `HTTP <status> <reason>`, e.g. `HTTP 403 Forbidden`. */
export function emptyBodyError(response: Response): string {
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`;
}

/**
 * openapi-fetch leaves `error` undefined (or `""`, without a Content-Length) when a failed
 * response has an empty body (a Healthchecks 403, a HEAD's 401), so `if (error)` would miss it. This sets it to
 * emptyBodyError(response), a non-empty string, so every failed call has a defined `error`.
 */
export function withDefinedErrors<C extends Client<any, any>>(client: C): C {
  const target = client as unknown as Record<
    string,
    (...args: unknown[]) => Promise<{ error?: unknown; response: Response }>
  >;
  const define = async (call: Promise<{ error?: unknown; response: Response }>) => {
    const result = await call;
    const empty = result.error === undefined || result.error === "";
    if (empty && result.response && !result.response.ok) result.error = emptyBodyError(result.response);
    return result;
  };
  for (const name of [...HTTP_METHODS, "request"]) {
    const original = target[name];
    if (original) target[name] = (...args) => define(original(...args));
  }
  return client;
}
