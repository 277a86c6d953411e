// What the mock engine's steps hand each other (mock-handler.ts runs them in order): Prism's view
// of a request and of an answer, the operations it derives from a document, and the request and
// reply objects of whatever carries the request (node:http in mock-http.ts, MSW in msw-handlers.ts).
// These are our own narrow types, not @stoplight/types': this code ships in the package, whose
// users do not install Prism's type packages.

/** fp-ts' Either, as Prism's functions return it. */
export type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };

/** A request as Prism's engine reads it. */
export interface PrismInput {
  method: string;
  url: { path: string; baseUrl?: string; query: Record<string, string | string[]> };
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/** An answer as Prism's mocker makes it. */
export interface PrismOutput {
  statusCode: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
}

/** A problem with a request or an answer, as the `sl-violations` header lists it. */
export interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** The part of Prism's IHttpOperation the engine reads. */
export interface Operation {
  method: string;
  path: string;
  responses: { code: string; contents?: { mediaType: string; examples?: { key: string }[] }[] }[];
  callbacks?: unknown[];
  [key: string]: unknown;
}

/** The request's mock preferences (`Prefer: code=…, example=…, dynamic=…`), as Prism reads them. */
export interface MockPreferences {
  code?: number;
  exampleKey?: string;
  dynamic?: boolean;
  seed?: string;
}

/** Prism's engine configuration, as every mock here runs it (mockEngineOptions). */
export interface PrismConfig {
  isProxy: false;
  validateRequest: boolean;
  validateResponse: boolean;
  checkSecurity: boolean;
  errors: boolean;
  upstreamProxy: undefined;
  mock: MockPreferences & { ignoreExamples?: boolean; mediaTypes?: string[] };
}

/** The part of a pino logger the engine calls (Prism's createLogger makes one). */
export interface MockLogger {
  error(details: object, message: string): void;
  isLevelEnabled(level: string): boolean;
}

export interface MockServerOptions {
  /** Prism's config (validateRequest, checkSecurity, mock…). */
  config: PrismConfig;
  logger: MockLogger;
  cors: boolean;
  /** false: Prism's whole pipeline on every request, no answer cache (what the tests compare the cache with). */
  answerCache?: boolean;
}

/** A body as read: none announced, its UTF-8 text, or why it cannot be read. */
export type BodyRead =
  { kind: "none" } | { kind: "text"; text: string } | { kind: "bad"; code: string; message: string };

/** What the handler needs of a request: node:http's IncomingMessage, or MSW's (see msw-handlers.ts). */
export interface MockRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}

/** What the handler needs of a reply: node:http's ServerResponse, or msw-handlers.ts' Reply. */
export interface MockReply {
  statusCode: number;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  getHeader(name: string): unknown;
  end(payload?: string): unknown;
}
