// Mock Service Worker handlers for an API: the same answers as its Prism mock (first named
// example; `Prefer: code=` / `example=`; security presence and scheme checks; request validation
// and the documented answers to bad input), for tests that mock in-process instead of over a
// port. Requests to the spec's first server URL (the generated client's default baseUrl) are
// answered; the server URL's path (RunCloud's /api/v2) is stripped, as the mock serves without it.
//   const server = setupServer(...(await mswHandlers("healthchecks")));
import { readFileSync } from "node:fs";
import { http, HttpResponse, type HttpHandler } from "msw";
import { getApi, type ApiEntry } from "./apis.js";
import { createMockHandler, decodeBody, type MockReply } from "./mock-http.js";
import { bundlePath, mockServerOptions } from "./mock.js";
import { defaultServerUrl } from "./openapi.js";

/** Collects what the mock handler writes, for an MSW response. */
class Reply implements MockReply {
  statusCode = 200;
  payload: string | undefined;
  private readonly headers = new Map<string, string | number | readonly string[]>();
  setHeader(name: string, value: string | number | readonly string[]) {
    this.headers.set(name.toLowerCase(), value);
  }
  getHeader(name: string) {
    return this.headers.get(name.toLowerCase());
  }
  end(payload?: string) {
    this.payload = payload;
  }
  response(): Response {
    const headers = new Headers();
    for (const [name, value] of this.headers) for (const v of [value].flat()) headers.append(name, String(v));
    const empty = this.statusCode === 204 || this.statusCode === 304 || this.payload === undefined;
    return new HttpResponse(empty ? null : this.payload, { status: this.statusCode, headers });
  }
}

export async function mswHandlers(api: string | ApiEntry, options: { baseUrl?: string } = {}): Promise<HttpHandler[]> {
  const entry = typeof api === "string" ? getApi(api) : api;
  const base = new URL(options.baseUrl ?? defaultServerUrl(JSON.parse(readFileSync(bundlePath(entry), "utf8"))));
  const prefix = base.pathname.replace(/\/$/, "");
  const mock = await mockServerOptions(entry, { cors: false });
  const handle = createMockHandler(mock.operations, mock.options);
  return [
    http.all(`${base.origin}${prefix}/*`, async ({ request }) => {
      const url = new URL(request.url);
      const bytes = new Uint8Array(await request.arrayBuffer());
      const headers: Record<string, string> = {};
      request.headers.forEach((value, name) => (headers[name] = value));
      const reply = new Reply();
      const path = url.pathname.slice(prefix.length) || "/";
      await handle({ method: request.method, url: `${path}${url.search}`, headers }, async () => (bytes.byteLength ? decodeBody(bytes) : { kind: "none" }), reply);
      return reply.response();
    }),
  ];
}
