// The HTTP side of the mocks: Prism's request engine behind our own request handling (in place
// of @stoplight/prism-http-server, whose body parser answers malformed JSON with micri's
// `{"error":{"code":"invalid_json"}}`, a body no spec here allows). createMockHandler is the
// handling, whatever carries the request (node:http in createMockServer, MSW in msw.ts). It adds:
// - every answer to a request that reaches an operation is one that operation documents: bodies
//   that cannot be read (malformed JSON, not UTF-8, a media type the operation does not take,
//   over 10 MiB) get its documented 400 (else 422) with the example whose name says so
//   ("unparsable", "not an object") when there is one; a status Prism would invent (its own 422
//   problem when there is no 400/422) becomes the documented error, or, when the operation
//   documents no client error at all, its documented success; an Accept it cannot meet is
//   ignored (no 406), as real servers do. The request's problems are always listed in the
//   `sl-violations` header, as Prism does for invalid requests;
// - mock control that fails loudly: a `Prefer: code=` the operation does not declare or an
//   `example=` it does not have answers the mock's own problem+json naming what exists, marked
//   with `x-mock-error` (mock-control.ts);
// - CORS as the Prism CLI answers it by default (preflights, and the headers on every answer);
// - close() ends keep-alive and half-sent requests too, so a stop frees the port at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { createLogger } from "@stoplight/prism-core";
import { createInstance, ProblemJsonError } from "@stoplight/prism-http";
import { MOCK_ERROR_HEADER, exampleMediaType, preferenceError, unreadablePreference, type MockControlError } from "./mock-control.js";
import { preselectingRoute } from "./mock-router.js";
import { prismServerInternals } from "./private-hooks.js";

const require = createRequire(import.meta.url);
const prismServer = prismServerInternals();
const getHttpConfigFromRequest = prismServer.getHttpConfigFromRequest as (
  input: PrismInput,
) => Either<{ status?: number }, { code?: number; exampleKey?: string; dynamic?: boolean; seed?: string }>;
const { serialize } = prismServer;
const { is: typeIs } = require("type-is") as { is: (mediaType: string, types: string[]) => string | false };

/** Prism's own request-body limit (the CLI's), kept so that the mock accepts what the CLI accepts. */
export const BODY_LIMIT = 10 * 1024 * 1024;

type Either<L, R> = { _tag: "Left"; left: L } | { _tag: "Right"; right: R };
interface PrismInput {
  method: string;
  url: { path: string; baseUrl?: string; query: Record<string, string | string[]> };
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}
interface PrismOutput {
  statusCode: number;
  headers?: Record<string, string | string[]>;
  body?: unknown;
}
interface Violation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}
/** The part of Prism's IHttpOperation this file reads. */
export interface Operation {
  method: string;
  path: string;
  responses: { code: string; contents?: { mediaType: string; examples?: { key: string }[] }[] }[];
  [key: string]: unknown;
}

export interface MockServerOptions {
  /** Prism's config (validateRequest, checkSecurity, mock…). */
  config: Record<string, any>;
  logger: any;
  cors: boolean;
}

/** Prism's engine configured as every mock here runs it (the port mocks and the MSW handlers). */
export function mockEngineOptions(name: string, options: { verbose?: boolean; validateResponse?: boolean; cors?: boolean } = {}): MockServerOptions {
  const config = {
    isProxy: false,
    validateRequest: true,
    validateResponse: options.validateResponse ?? false,
    checkSecurity: true,
    errors: false,
    upstreamProxy: undefined,
    mock: { dynamic: false, ignoreExamples: false },
  };
  const logger = createLogger(name, { level: options.verbose ? "info" : "silent" });
  return { cors: options.cors ?? true, config, logger };
}

export interface MockServer {
  server: Server;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

export type BodyRead = { kind: "none" } | { kind: "text"; text: string } | { kind: "bad"; code: string; message: string };

/** What the handler needs of a request and a reply: node:http's objects, or MSW's (see msw.ts). */
export interface MockRequest {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
}
export interface MockReply {
  statusCode: number;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  getHeader(name: string): unknown;
  end(payload?: string): unknown;
}

const TOO_LARGE: BodyRead = { kind: "bad", code: "body-too-large", message: `request body is larger than ${BODY_LIMIT} bytes` };

/** A whole body, as read: too large, not UTF-8, or its text. */
export function decodeBody(bytes: Uint8Array): BodyRead {
  if (bytes.byteLength > BODY_LIMIT) return TOO_LARGE;
  try {
    return { kind: "text", text: new TextDecoder("utf-8", { fatal: true }).decode(bytes) };
  } catch {
    return { kind: "bad", code: "invalid-utf8", message: "request body is not valid UTF-8" };
  }
}

/** Reads the body as UTF-8 text: none when the request announces none, "bad" when it is not
 * UTF-8 or exceeds the limit. The rest of an oversized body is read and dropped (not kept), so
 * that the client, still sending, can read the answer (closing at once would reset it);
 * requestTimeout bounds a body that never ends. */
function readBody(req: IncomingMessage): Promise<BodyRead> {
  const length = req.headers["content-length"];
  if (length === "0" || (length === undefined && req.headers["transfer-encoding"] === undefined)) return Promise.resolve({ kind: "none" });
  if (length !== undefined && Number(length) > BODY_LIMIT) {
    req.resume();
    return Promise.resolve(TOO_LARGE);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      if (size > BODY_LIMIT) return;
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
      else {
        chunks.length = 0;
        resolve(TOO_LARGE);
      }
    });
    req.once("error", reject);
    req.once("end", () => {
      if (size <= BODY_LIMIT) resolve(decodeBody(Buffer.concat(chunks)));
    });
  });
}

function queryOf(searchParams: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(searchParams.keys())) {
    const values = searchParams.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  return query;
}

/** A body Prism can split as a form. Prism decodes form fields with decodeURIComponent and
 * throws ("URI malformed") on a stray `%` or an escape that is not UTF-8, where servers read the
 * form leniently: such a body is re-encoded as the WHATWG form parser reads it (a stray `%` stays
 * literal, a bad sequence becomes U+FFFD). Other bodies pass unchanged. */
function formSafe(text: string): string {
  for (const part of text.split(/[&=]/)) {
    try {
      decodeURIComponent(part);
    } catch {
      const pairs = [...new URLSearchParams(text)];
      return pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
    }
  }
  return text;
}

/** Whether the Content-Type header's media type (parameters aside) is one of `types`. */
function mediaTypeIs(contentType: string | undefined, types: string[]): boolean {
  const base = contentType?.split(";")[0]?.trim();
  return !!base && !!typeIs(base, types);
}

function setCorsHeaders(req: MockRequest, res: MockReply): void {
  // The Prism CLI's defaults (prism-http-server's setCommonCORSHeaders).
  res.setHeader("Access-Control-Allow-Origin", req.headers.origin || "*");
  res.setHeader("Access-Control-Allow-Headers", req.headers["access-control-request-headers"] || "*");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Expose-Headers", (req.headers["access-control-expose-headers"] as string | undefined) || "*");
}

/** The response entry of `operation` that covers `status` (exact, range such as 4XX, default). */
function documented(operation: Operation, status: number): boolean {
  const code = String(status);
  return operation.responses.some((r) => r.code === code || r.code.toUpperCase() === `${code[0]}XX` || r.code === "default");
}

/** The status to answer a bad request with: the operation's own 400, else 422, else its 4XX. */
function clientErrorStatus(operation: Operation): number | undefined {
  for (const code of ["400", "422"]) if (operation.responses.some((r) => r.code === code)) return Number(code);
  return operation.responses.some((r) => r.code.toUpperCase() === "4XX") ? 400 : undefined;
}

const UNPARSABLE = /unpars|pars(e|ing)|json|malformed/i;
const NOT_AN_OBJECT = /not.?an?.?object/i;
/** Example names that say the request had no body ("NoRequestBodyError", "MissingBody"). */
const NO_BODY = /no.?(request.?)?body|missing.?body|empty.?body|body.?missing/i;

/** The example names of `status`'s response, in spec order. */
function exampleNames(operation: Operation, status: number): string[] {
  const response = operation.responses.find((r) => r.code === String(status));
  return (response?.contents ?? []).flatMap((c) => (c.examples ?? []).map((e) => e.key));
}

/** The name of an example of `status` that matches `pattern`, if the spec has one. */
function exampleNamed(operation: Operation, status: number, pattern: RegExp): string | undefined {
  return exampleNames(operation, status).find((key) => pattern.test(key));
}

/** What a refused request carried, for choosing the example that describes it. */
interface Refused {
  /** Its body could not be read as the operation's media type (malformed, wrong type, not UTF-8). */
  unparsable?: boolean;
  /** Its JSON body is not an object. */
  notAnObject?: boolean;
  /** It had a body that is not a form (a form is consumed as fields, and servers such as
   * Livebridge's then find no body). */
  sentBody: boolean;
}

/**
 * The example of `status` that describes why the request was refused, where the spec's example
 * names say so; undefined leaves Prism's first example. A request that sent a body never gets an
 * example saying there was none (Livebridge's first 400 example is "No request body was found.").
 */
function refusalExample(operation: Operation, status: number, refused: Refused): string | undefined {
  const named = (refused.unparsable && exampleNamed(operation, status, UNPARSABLE)) || (refused.notAnObject && exampleNamed(operation, status, NOT_AN_OBJECT));
  if (named) return named;
  const names = exampleNames(operation, status);
  if (!refused.sentBody) return names.find((n) => NO_BODY.test(n));
  return names[0] && NO_BODY.test(names[0]) ? names.find((n) => !NO_BODY.test(n)) : undefined;
}

/** Prism's NOT_FOUND problem: the asked status or example is not in the response it chose. */
const isPrismNotFound = (error: { status?: number; name?: string }) => error.status === 404 && String(error.name ?? "").endsWith("#NOT_FOUND");

function violationsHeader(violations: Violation[]): string {
  // Header values must be Latin-1 without control characters: escape the rest as JSON does.
  const value = JSON.stringify(violations).replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  // Prism's own cap (prism-http-server): a header longer than ~8 KiB breaks common clients.
  return value.length > 8 * 1024 - 100 ? `Too many violations! ${value.slice(0, 8 * 1024 - 100)}` : value;
}

/** The mock's answer to one request, whatever carries it (node:http here, MSW in msw.ts). */
export function createMockHandler(operations: Operation[], options: MockServerOptions): (req: MockRequest, body: () => Promise<BodyRead>, res: MockReply) => Promise<void> {
  const { config, logger } = options;
  const prism = createInstance(config as any, { logger, route: preselectingRoute as any });

  const routeOf = (input: PrismInput): Operation | undefined => {
    const routed = (preselectingRoute as any)({ resources: operations, input }) as Either<unknown, Operation>;
    return routed._tag === "Right" ? routed.right : undefined;
  };

  const run = async (input: PrismInput, requestConfig: Record<string, any>) => {
    // A fresh mock config per call: Prism's mocker writes the Accept header's types into it.
    const callConfig = { ...requestConfig, mock: { ...requestConfig.mock } };
    const result = (await prism.request(input as any, operations as any, callConfig as any)()) as Either<any, any>;
    if (result._tag === "Left") return { error: result.left as { status?: number; message?: string; additional?: { headers?: Record<string, string> } } };
    const response = result.right as { output: PrismOutput; validations: { input: any[]; output: any[] } };
    const prefix = (where: string) => (d: any): Violation => ({ location: [where, ...(d.path ?? [])], severity: ["Error", "Warning", "Information", "Hint"][d.severity] ?? String(d.severity), code: d.code, message: d.message });
    return { output: response.output, violations: [...response.validations.input.map(prefix("request")), ...response.validations.output.map(prefix("response"))] };
  };

  /** The operation's documented answer to a request it cannot take: its client error with the
   * fitting example, else (no client error documented) its success, as a lenient server would. */
  const documentedRefusal = async (operation: Operation, input: PrismInput, requestConfig: Record<string, any>, refused: Refused) => {
    const status = clientErrorStatus(operation);
    const exampleKey = status ? refusalExample(operation, status, refused) : undefined;
    const { accept: _, ...headers } = input.headers; // no 406 for an Accept the error cannot meet
    const mock = { ...requestConfig.mock, code: status, exampleKey, dynamic: false };
    return run({ ...input, headers, body: undefined }, { ...requestConfig, validateRequest: false, mock });
  };

  const send = (res: MockReply, output: PrismOutput, violations: Violation[]) => {
    if (violations.length) res.setHeader("sl-violations", violationsHeader(violations));
    for (const [name, value] of Object.entries(output.headers ?? {})) {
      // Prism names a default media type even for an answer documented without content (a 204):
      // an answer with no body carries no Content-Type.
      if (output.body === undefined && name.toLowerCase() === "content-type") continue;
      res.setHeader(name, value);
    }
    const payload = serialize(output.body, res.getHeader("content-type"));
    res.statusCode = output.statusCode;
    res.end(payload);
  };

  const sendProblem = (res: MockReply, error: { status?: number; additional?: { headers?: Record<string, string> } } & Record<string, any>) => {
    res.setHeader("content-type", "application/problem+json");
    for (const [name, value] of Object.entries(error.additional?.headers ?? {})) res.setHeader(name, value);
    res.statusCode = error.status || 500;
    res.end(JSON.stringify(ProblemJsonError.toProblemJson(error as any)));
  };

  const sendControlError = (res: MockReply, error: MockControlError) => {
    const violation: Violation = { location: ["request", "header", "prefer"], severity: "Error", code: error.kind, message: error.problem.detail };
    res.setHeader("sl-violations", violationsHeader([violation]));
    res.setHeader(MOCK_ERROR_HEADER, error.kind);
    res.setHeader("content-type", "application/problem+json");
    res.statusCode = error.status;
    res.end(JSON.stringify(error.problem));
  };

  return async (req, body, res) => {
    if (options.cors) {
      setCorsHeaders(req, res);
      if (req.method === "OPTIONS" && req.headers.origin && req.headers["access-control-request-method"]) {
        res.setHeader("Access-Control-Allow-Methods", req.headers["access-control-request-method"] || "GET,DELETE,HEAD,PATCH,POST,PUT,OPTIONS");
        res.setHeader("Vary", "origin");
        res.setHeader("Content-Length", "0");
        res.statusCode = 204;
        res.end();
        return;
      }
    }
    const url = new URL(req.url ?? "/", "http://mock.invalid");
    const input: PrismInput = {
      method: (req.method ?? "get").toLowerCase(),
      url: { path: url.pathname, baseUrl: url.searchParams.get("__server") || undefined, query: queryOf(url.searchParams) },
      headers: req.headers,
      body: null,
    };
    const operation = routeOf(input);
    const read = await body();
    const sentBody = read.kind === "bad" || (read.kind === "text" && read.text.length > 0 && !mediaTypeIs(req.headers["content-type"] as string | undefined, ["application/x-www-form-urlencoded", "multipart/form-data"]));
    const problems: Violation[] = [];
    if (read.kind === "bad") problems.push({ location: ["request", "body"], severity: "Error", code: read.code, message: read.message });
    else if (read.kind === "text") {
      const contentType = req.headers["content-type"] as string | undefined;
      input.body = mediaTypeIs(contentType, ["application/x-www-form-urlencoded"]) ? formSafe(read.text) : read.text;
      if (mediaTypeIs(contentType, ["application/json", "application/*+json"])) {
        try {
          input.body = JSON.parse(read.text);
        } catch (err) {
          problems.push({ location: ["request", "body"], severity: "Error", code: "invalid-json", message: `request body is not valid JSON: ${(err as Error).message}` });
        }
      }
    }

    const preferences = getHttpConfigFromRequest(input);
    const requestConfig = { ...config, mock: { ...config.mock, ...(preferences._tag === "Right" ? preferences.right : {}) } };
    if (!operation) {
      // No operation to conform to: Prism's own 404/405 problem.
      const answer = await run(input, requestConfig);
      if (answer.error) sendProblem(res, answer.error);
      else send(res, answer.output, answer.violations);
      return;
    }
    // Mock control first: a Prefer the operation cannot honour is the tester's mistake, answered
    // loudly whatever else is wrong with the request (see mock-control.ts).
    const control = preferences._tag === "Left" ? unreadablePreference(operation, String((preferences.left as any).detail ?? "unreadable")) : preferenceError(operation, preferences.right);
    if (control) {
      sendControlError(res, control);
      return;
    }
    const accept = String(req.headers.accept ?? "*/*").trim();
    const exampleType = preferences._tag === "Right" && (accept === "*/*" || accept === "") ? exampleMediaType(operation, preferences.right) : undefined;
    if (exampleType) input.headers = { ...input.headers, accept: exampleType };
    if (problems.length) {
      const answer = await documentedRefusal(operation, input, requestConfig, { unparsable: read.kind !== "none" && problems.some((p) => p.location[1] === "body"), sentBody });
      if (answer.error) sendProblem(res, answer.error);
      else send(res, answer.output, [...problems, ...answer.violations]);
      return;
    }
    let answer: Awaited<ReturnType<typeof run>>;
    try {
      answer = await run(input, requestConfig);
    } catch (err) {
      // Prism threw while reading the request (say, a multipart field name it cannot
      // percent-decode): the request is one the operation cannot take, so answer its refusal.
      const why: Violation = { location: ["request", "body"], severity: "Error", code: "unreadable-request", message: `the mock could not read the request: ${(err as Error).message}` };
      const refusal = await documentedRefusal(operation, input, requestConfig, { unparsable: true, sentBody });
      if (refusal.error) sendProblem(res, refusal.error);
      else send(res, refusal.output, [why, ...refusal.violations]);
      return;
    }
    if (answer.error && isPrismNotFound(answer.error) && (requestConfig.mock.code !== undefined || requestConfig.mock.exampleKey !== undefined)) {
      // The operation has the asked status and example, but Prism answers this request with
      // another response (say, its 401 for a missing credential), which lacks them: the request
      // gets that answer, and sl-violations says that the Prefer was not applied.
      const why: Violation = { location: ["request", "header", "prefer"], severity: "Warning", code: "prefer-not-applied", message: `Prefer not applied to this request's answer: ${String((answer.error as any).detail ?? answer.error.message)}` };
      const retried = await run(input, { ...requestConfig, mock: { ...requestConfig.mock, code: undefined, exampleKey: undefined } });
      answer = retried.error ? retried : { ...retried, violations: [why, ...retried.violations] };
    }
    if (answer.error?.status === 406) {
      // An Accept header the operation cannot meet: real servers send what they have, so does the mock.
      const { accept: _, ...headers } = input.headers;
      const retried = await run({ ...input, headers }, requestConfig);
      const why: Violation = { location: ["request", "header", "accept"], severity: "Warning", code: 406, message: String(answer.error.message) };
      answer = retried.error ? retried : { ...retried, violations: [why, ...retried.violations] };
    }
    if (!answer.error && documented(operation, answer.output.statusCode)) {
      // Prism answers every invalid request with the status's first example; where the API has
      // its own wording for a body of the wrong media type or not an object, use that.
      const status = answer.output.statusCode;
      const wrongType = answer.violations.some((v) => v.code === 415);
      const notAnObject = answer.violations.some((v) => v.code === "type" && v.location.join(".") === "request.body");
      const refused = status >= 400 && answer.violations.some((v) => v.location[0] === "request");
      const exampleKey = refused && requestConfig.mock.exampleKey === undefined ? refusalExample(operation, status, { unparsable: wrongType, notAnObject, sentBody }) : undefined;
      const output = exampleKey ? ((await run(input, { ...requestConfig, validateRequest: false, mock: { ...requestConfig.mock, code: status, exampleKey } })).output ?? answer.output) : answer.output;
      send(res, output, answer.violations);
      return;
    }
    // Prism refused with a problem of its own (406 for an Accept it cannot meet, 415) or made up
    // a status this operation does not document (its 422 problem when there is no 400/422):
    // answer what the operation documents, and say why in sl-violations.
    const why: Violation[] = answer.error
      ? [{ location: ["request"], severity: "Error", code: answer.error.status ?? 500, message: String(answer.error.message ?? "request refused") }]
      : answer.violations;
    const refusal = await documentedRefusal(operation, input, requestConfig, { unparsable: answer.error?.status === 415, sentBody });
    if (refusal.error) sendProblem(res, refusal.error);
    else send(res, refusal.output, [...why, ...refusal.violations]);
  };
}

export function createMockServer(operations: Operation[], options: MockServerOptions): MockServer {
  const { logger } = options;
  const handle = createMockHandler(operations, options);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req, () => readBody(req), res).catch((err: Error) => {
      logger.error({ err }, `mock: request failed: ${err.message}`);
      if (res.headersSent) res.destroy();
      else res.writeHead(500, { "content-type": "application/problem+json", connection: "close" }).end(JSON.stringify({ type: "about:blank", title: "mock error", status: 500, detail: err.message }));
    });
  });
  // A client that trickles its headers or body is cut off instead of holding a socket forever.
  server.headersTimeout = 10_000;
  server.requestTimeout = 30_000;

  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        // A backlog above Node's 511: a burst of 1,000 connections is accepted, not retried after 1 s.
        server.listen({ port, host, backlog: 2048 }, () => {
          server.off("error", reject);
          const address = server.address();
          resolve(typeof address === "object" && address ? `http://${address.address}:${address.port}` : String(address));
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
