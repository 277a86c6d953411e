// Copied by `npm run build` from scripts/templates/runtime/response-media.ts, where it is edited and type-checked. Do not edit this copy.
// Reads every answer as its operation documents it, with no per-call option: openapi-fetch parses
// every success as JSON unless the call passes `parseAs`, so a documented text/plain "OK" would
// throw SyntaxError. The build writes, per operation and documented status, how its body is read.
import type { Client } from "openapi-fetch";
import { HTTP_METHODS } from "./client-hooks.js";

/** How a documented response's body is read: `json` parsed, `text` a string, `none` no body. */
export type BodyKind = "json" | "text" | "none";

/**
 * By schemaPath, lower-case method and documented status key (`200`, `4XX`, `default`): the body
 * kinds of that response's media types, joined by `|` when it documents several (`json|text`).
 */
export type ResponseMediaTypes = Record<string, Record<string, Record<string, string>>>;

/** The body kind of one media type (what the build writes into the table). */
export function bodyKindOf(mediaType: string): BodyKind | undefined {
  const base = mediaType.split(";")[0]!.trim().toLowerCase();
  if (base === "application/json" || /^application\/[\w.-]+\+json$/.test(base) || base === "application/problem+json")
    return "json";
  if (
    base.startsWith("text/") ||
    base === "application/xml" ||
    /\+xml$/.test(base) ||
    base === "application/x-www-form-urlencoded"
  )
    return "text";
  return undefined;
}

const isJsonType = (contentType: string | null) => !!contentType && bodyKindOf(contentType) === "json";

/**
 * The kind to read an answer as: the documented one for its status (exact code, then range, then
 * `default`; of several, the one its Content-Type names). A status the operation does not
 * document (or a path the table does not know) is read by its Content-Type: JSON when it says
 * JSON, else text.
 */
export function bodyKindFor(
  table: ResponseMediaTypes,
  path: string,
  method: string,
  status: number,
  contentType: string | null,
): BodyKind {
  const entry = table[path]?.[method.toLowerCase()];
  const documented = entry?.[String(status)] ?? entry?.[`${String(status)[0]}XX`] ?? entry?.default;
  if (documented === undefined) return isJsonType(contentType) ? "json" : "text";
  const kinds = documented.split("|") as BodyKind[];
  if (kinds.length === 1) return kinds[0]!;
  return isJsonType(contentType) && kinds.includes("json") ? "json" : (kinds.find((k) => k !== "json") ?? "json");
}

type Result = { data?: unknown; error?: unknown; response: Response };
type Call = (path: string, init?: Record<string, unknown>) => Promise<Result>;

/**
 * Makes every call read its answer as the table says: `data` is a string for text, undefined for
 * no content (a 204, a HEAD, a status documenting no `content`), parsed JSON for JSON; an error
 * documented as text stays the text (openapi-fetch would parse it if it looked like JSON). A
 * call that passes its own `parseAs` is left to openapi-fetch.
 */
export function withResponseMediaTypes<C extends Client<any, any>>(client: C, table: ResponseMediaTypes): C {
  // The untouched copy of each failed answer documented as text, taken before openapi-fetch reads it.
  const textErrors = new WeakMap<Response, Response>();
  client.use({
    onResponse({ request, response, schemaPath }) {
      if (
        !response.ok &&
        request.method !== "HEAD" &&
        bodyKindFor(table, schemaPath, request.method, response.status, response.headers.get("content-type")) === "text"
      ) {
        textErrors.set(response, response.clone());
      }
      return undefined;
    },
  });
  const read = async (method: string, path: string, result: Result): Promise<Result> => {
    const { response } = result;
    const kind = bodyKindFor(table, path, method, response.status, response.headers.get("content-type"));
    if (!response.ok) {
      const copy = textErrors.get(response);
      if (copy) {
        textErrors.delete(response);
        const text = await copy.text();
        if (typeof result.error !== "string") result.error = text;
      }
      return result;
    }
    const stream = result.data as ReadableStream | null | undefined;
    if (stream === undefined || stream === null) {
      // openapi-fetch read nothing (a 204, a HEAD, Content-Length 0): an empty text body is "".
      // A body-less Response (MSW's `new HttpResponse(null)`) reaches here as null: no content is undefined.
      if (kind === "text" && response.status !== 204 && method.toUpperCase() !== "HEAD") result.data = "";
      else result.data = undefined;
      return result;
    }
    if (kind === "none") {
      await stream.cancel();
      result.data = undefined;
    } else if (kind === "text") {
      result.data = await response.text();
    } else {
      const text = await response.text();
      result.data = text === "" ? undefined : JSON.parse(text);
    }
    return result;
  };
  const target = client as unknown as Record<string, Call> & {
    request: (method: string, path: string, init?: Record<string, unknown>) => Promise<Result>;
  };
  const call = async (
    method: string,
    path: string,
    init: Record<string, unknown> | undefined,
    send: (init: Record<string, unknown>) => Promise<Result>,
  ) => {
    if (init?.parseAs !== undefined) return send(init);
    return read(method, path, await send({ ...init, parseAs: "stream" }));
  };
  for (const method of HTTP_METHODS) {
    const original = target[method];
    if (original) target[method] = (path, init) => call(method, path, init, (i) => original(path, i));
  }
  const request = target.request;
  target.request = (method, path, init) => call(method, path, init, (i) => request(method, path, i));
  return client;
}
