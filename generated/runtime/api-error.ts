// Copied by `npm run build` from scripts/templates/runtime/api-error.ts, where it is edited and type-checked. Do not edit this copy.
// The error every generated client throws (one class for all five APIs, so `instanceof` holds
// across them), and unwrap, which throws it.
import type { Middleware } from "openapi-fetch";

/** A failed call: HTTP status, the parsed error body (typed by the caller), never a credential. */
export class ApiError<TBody = unknown> extends Error {
  override readonly name = "ApiError";
  constructor(
    readonly status: number,
    readonly body: TBody,
    readonly method: string,
    readonly url: string,
  ) {
    super(`${method} ${url} failed with HTTP ${status}${describeBody(body)}`);
  }
}

function describeBody(body: unknown): string {
  if (body && typeof body === "object") {
    const text = (body as Record<string, unknown>).error ?? (body as Record<string, unknown>).message;
    if (typeof text === "string") return `: ${text}`;
  }
  return "";
}

/** Strips query strings and userinfo from a URL so an error message cannot leak a secret. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return url.split("?")[0] ?? url;
  }
}

/** Returns `data` of an openapi-fetch result, or throws ApiError with the typed error body. */
export function unwrap<TData, TError>(result: { data?: TData; error?: TError; response: Response }): TData {
  if (result.error !== undefined || !result.response.ok) {
    const { response } = result;
    const request = REQUESTS.get(response);
    throw new ApiError<TError>(
      response.status,
      result.error as TError,
      request?.method ?? "HTTP",
      redactUrl(request?.url || response.url),
    );
  }
  return result.data as TData;
}

const REQUESTS = new WeakMap<Response, { method: string; url: string }>();
/** Remembers each response's request (method and URL) for error messages: a Response does not
 * carry its method, and one made by middleware has no URL. */
export const methodMemo: Middleware = {
  onResponse({ request, response }) {
    REQUESTS.set(response, { method: request.method, url: request.url });
    return undefined;
  },
};
