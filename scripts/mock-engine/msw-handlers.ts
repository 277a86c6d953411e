// Mock Service Worker handlers that answer from a bundled OpenAPI document with the mocks' engine
// (mock-handler.ts: Prism's, with our rules). This file and what it imports are the code the package
// ships as `openapi-five/msw` (compiled to dist/msw/ by scripts/tsconfig.pack-msw.json), behind each
// API's `openapi-five/<api>/msw`; scripts/serve/msw.ts serves the repository's bundles through it.
// It must not import repository-only modules (the registry, generated/, dev tooling): msw and
// Prism are the package's optional peer dependencies.
import { createRequire } from "node:module";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { http, HttpResponse, type HttpHandler } from "msw";
import { createMockHandler, mockEngineOptions } from "./mock-handler.js";
import { decodeBody } from "./mock-http.js";
import type { MockReply, Operation } from "./mock-types.js";

export interface MswHandlerOptions {
  /** Where the handlers answer; the server URL's path (RunCloud's /api/v2) is stripped, as the mock serves without it. */
  baseUrl: string;
  /** Log every request (Prism's info level); quiet by default. */
  verbose?: boolean;
  /** Validate each answer against the document too. */
  validateResponse?: boolean;
}

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

/** Handlers for Prism operations already derived from a document (msw.ts caches them). */
export function mswHandlersForOperations(
  name: string,
  operations: Operation[],
  options: MswHandlerOptions,
): HttpHandler[] {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/$/, "");
  // No CORS here: MSW answers in-process, where no browser preflight reaches the handler.
  const handle = createMockHandler(operations, mockEngineOptions(name, { ...options, cors: false }));
  // Only this document's paths: two APIs may share an origin (Healthchecks' Management and
  // Pinging APIs at https://healthchecks.io), so a path of neither falls through to the next handler.
  const routes = operations.map((o) => pathRegex((o as unknown as { path: string }).path));
  return [
    http.all(`${base.origin}${prefix}/*`, async ({ request }) => {
      const url = new URL(request.url);
      if (!routes.some((r) => r.test(url.pathname.slice(prefix.length) || "/"))) return undefined;
      const bytes = new Uint8Array(await request.arrayBuffer());
      const headers: Record<string, string> = {};
      request.headers.forEach((value, header) => (headers[header] = value));
      const reply = new Reply();
      const path = url.pathname.slice(prefix.length) || "/";
      await handle(
        { method: request.method, url: `${path}${url.search}`, headers },
        async () => (bytes.byteLength ? decodeBody(bytes) : { kind: "none" }),
        reply,
      );
      return reply.response();
    }),
  ];
}

/** Handlers for a bundled OpenAPI document (one without external `$ref`s, such as openapi.json). */
export async function mswHandlersForDocument(
  document: object,
  options: MswHandlerOptions & { name?: string },
): Promise<HttpHandler[]> {
  const name = options.name ?? "msw";
  let operations: Operation[];
  try {
    operations = (await getHttpOperationsFromSpec(structuredClone(document))) as unknown as Operation[];
  } catch (err) {
    throw new Error(`${name}: cannot read the OpenAPI document: ${(err as Error).message}`);
  }
  return mswHandlersForOperations(name, operations, options);
}

/** Handlers for an API of this package, from the bundle it ships (`openapi-five/<api>/openapi.json`,
 * reached by the package's own name: its exports when installed, package.json's in a clone). */
export function mswHandlersForPackagedApi(name: string, options: MswHandlerOptions): Promise<HttpHandler[]> {
  const document = createRequire(import.meta.url)(`openapi-five/${name}/openapi.json`) as object;
  return mswHandlersForDocument(document, { ...options, name });
}

/** A document path (`/ping/{code}/start`) as a RegExp over request paths: a `{name}` is one segment. */
function pathRegex(path: string): RegExp {
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}
