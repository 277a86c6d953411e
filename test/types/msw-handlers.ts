// Type-level tests: typed Mock Service Worker handlers written against the generated types, as
// users write them (msw's `http` with the response body type taken from the spec, the way
// openapi-msw derives it). Compiled by `npm run typecheck` and test/commands/typecheck.test.ts, never run.
// A response the spec declares without content can be answered empty (openapi-msw's
// `response(204).empty()`, which returns a response typed `null`); one with content cannot.
import { http, HttpResponse } from "msw";
import type { paths } from "../../generated/lightrun/schema.js";

/** The body a response declares, as openapi-msw computes it: `null` where it has no content. */
type ResponseBody<R> = R extends { content?: never } ? null : R extends { content: infer C } ? C[keyof C] : never;
type Answer<P extends keyof paths, M extends keyof paths[P], S extends PropertyKey> = paths[P][M] extends {
  responses: infer R;
}
  ? S extends keyof R
    ? ResponseBody<R[S]>
    : never
  : never;

/** An empty answer, typed as openapi-msw's `response(status).empty()` types it. */
const empty = (status: number): HttpResponse<null> => new HttpResponse(null, { status });

const base = "https://app.lightrun.com";

export const noContentHandlers = [
  http.put<{ id: string }, never, Answer<"/api/v1/agent-pools/{id}/detach-agents", "put", 204>>(
    `${base}/api/v1/agent-pools/:id/detach-agents`,
    () => empty(204),
  ),
  http.put<{ id: string }, never, Answer<"/api/v1/agent-pools/{id}/enable-agents", "put", 204>>(
    `${base}/api/v1/agent-pools/:id/enable-agents`,
    () => empty(204),
  ),
  http.delete<{ id: string }, never, Answer<"/api/v1/agent-pools/{id}", "delete", 204>>(
    `${base}/api/v1/agent-pools/:id`,
    () => empty(204),
  ),
  http.delete<never, string[], Answer<"/api/v1/watched-packages", "delete", 204>>(
    `${base}/api/v1/watched-packages`,
    () => empty(204),
  ),
];

export const controls = [
  http.get<{ id: string }, never, Answer<"/api/v1/agent-pools/{id}", "get", 200>>(
    `${base}/api/v1/agent-pools/:id`,
    // @ts-expect-error a response with a JSON body (the pool) cannot be answered empty
    () => empty(200),
  ),
  http.get<{ id: string }, never, Answer<"/api/v1/agent-pools/{id}", "get", 200>>(
    `${base}/api/v1/agent-pools/:id`,
    () => HttpResponse.json({ id: "p1", name: "prod" }),
  ),
];
