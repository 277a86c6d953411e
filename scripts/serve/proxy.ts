// A validating proxy in front of a real server. Each request is forwarded with node:http and the
// answer passed back as it came: status, status text, end-to-end headers (names, order and
// repeats kept) and body bytes, streamed, never re-serialised. A copy of both bodies is checked
// afterwards against the bundle (http-check.ts: Ajv, JSON Schema 2020-12), and one report per
// exchange says whether it conforms, how it departs, or that the upstream hung up, timed out or
// could not be reached (the client then gets 502, or 504 for a timeout, if nothing was sent yet).
//
// Why not Prism's proxy mode (used before): it parses and re-serialises JSON bodies (so an Etag
// computed over the body no longer matches), parses HEAD's empty body as JSON and turns the
// answer into a 500, reports upstream failures as ordinary 500s, and carries its findings in an
// 8 KB response header that long reports overflow.
import { request as httpRequest, createServer, Agent, type IncomingMessage, type ServerResponse } from "node:http";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";
import type { ApiEntry } from "../registry/apis.js";
import { bundleApi } from "../build/bundle.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { checkRequest, checkResponse, type Departure } from "../conformance/http-check.js";
import { maskTarget, redactDeep, requestSecrets } from "../conformance/secrets.js";
import { operationMatcher } from "../conformance/operation-match.js";
import type { Outcome, ProxyReport } from "./proxy-report.js";

export interface ProxyOptions {
  host?: string;
  port?: number;
  /** Milliseconds the upstream may stay silent (before or during its answer); default 30 000. */
  timeoutMs?: number;
  /** Bodies larger than this are passed through but not checked; default 32 MiB. */
  maxCheckBytes?: number;
  /** The bundled document to check against; default: the API's specs, bundled and dereferenced. */
  spec?: OpenApiDocument;
  onReport: (report: ProxyReport) => void;
}

export interface ProxyHandle {
  url: string;
  close(): Promise<void>;
}

// Connection-level headers (RFC 9110 §7.6.1): each hop sets its own; everything else passes as is.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade", "proxy-authenticate", "proxy-authorization"]);

/** A raw header list (name, value, name, value…) without hop-by-hop headers and those `Connection` names. */
function endToEnd(raw: string[], extraDrop: string[] = []): string[] {
  const drop = new Set([...HOP_BY_HOP, ...extraDrop]);
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === "connection") for (const token of raw[i + 1]!.split(",")) drop.add(token.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!drop.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

function toHeaders(raw: string[]): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) {
    try {
      headers.append(raw[i]!, raw[i + 1]!);
    } catch {
      // a header the Fetch API refuses (invalid characters) cannot be checked; it is still passed on
    }
  }
  return headers;
}

/** Collects up to `limit` bytes of a stream's chunks, remembering the total. */
class BodyCopy {
  private chunks: Buffer[] = [];
  bytes = 0;
  constructor(private readonly limit: number) {}
  add(chunk: Buffer): void {
    this.bytes += chunk.length;
    if (this.bytes <= this.limit) this.chunks.push(chunk);
    else this.chunks = [];
  }
  get complete(): boolean {
    return this.bytes <= this.limit;
  }
  /** The body as text, content-decoded; or an error message. */
  text(contentEncoding: string | null): { text: string } | { problem: string } {
    let body = Buffer.concat(this.chunks);
    try {
      for (const coding of (contentEncoding ?? "").split(",").map((c) => c.trim().toLowerCase()).filter((c) => c && c !== "identity").reverse()) {
        if (coding === "gzip" || coding === "x-gzip") body = gunzipSync(body);
        else if (coding === "deflate") body = inflateSync(body);
        else if (coding === "br") body = brotliDecompressSync(body);
        else return { problem: `content-encoding ${coding} cannot be decoded for checking` };
      }
    } catch (err) {
      return { problem: `content-encoding ${contentEncoding} does not decode: ${(err as Error).message}` };
    }
    return { text: body.toString("utf8") };
  }
}

/**
 * A report as the terminal and the report file see it: credential-named query values masked, and
 * every credential the request carried (header, cookie, Basic auth, query, body) replaced by ***
 * wherever it appears.
 */
function redactReport(doc: OpenApiDocument, req: IncomingMessage, requestCopy: BodyCopy, report: ProxyReport): ProxyReport {
  const body = requestCopy.complete ? requestCopy.text(toHeaders(req.rawHeaders).get("content-encoding")) : undefined;
  const secrets = requestSecrets({ url: req.url ?? "/", headers: toHeaders(req.rawHeaders), ...(body && "text" in body ? { text: body.text } : {}) }, doc);
  return redactDeep({ ...report, path: maskTarget(report.path, doc) }, secrets);
}

export async function startValidatingProxy(api: ApiEntry, upstream: string, options: ProxyOptions): Promise<ProxyHandle> {
  const base = new URL(upstream);
  if (base.protocol !== "http:" && base.protocol !== "https:") throw new Error(`${api.name} proxy: upstream must be an http(s) URL, not ${upstream}`);
  const doc = options.spec ?? (await bundleApi(api, { dereference: true }));
  const match = operationMatcher(doc);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const maxCheckBytes = options.maxCheckBytes ?? 32 * 1024 * 1024;
  const send = base.protocol === "https:" ? httpsRequest : httpRequest;
  // No connection reuse: a kept-alive socket the upstream has just closed would read as a hang-up.
  const agent = base.protocol === "https:" ? new HttpsAgent({ keepAlive: false }) : new Agent({ keepAlive: false });
  const basePath = base.pathname.replace(/\/$/, "");

  async function check(
    req: IncomingMessage,
    requestCopy: BodyCopy,
    answer: { res: IncomingMessage; copy: BodyCopy } | undefined,
  ): Promise<{ operation: string | null; departures: Departure[]; unchecked: string[] }> {
    const url = new URL(req.url ?? "/", "http://proxy.invalid");
    const method = req.method ?? "GET";
    const found = match(method, url.pathname);
    if ("problem" in found) return { operation: null, departures: [{ side: "request", at: "path", cause: found.problem }], unchecked: [] };
    const { op, pathParams, headAsGet } = found.match;
    const operation = `${op.operation.operationId ?? `${op.method} ${op.path}`}${headAsGet ? " as HEAD" : ""}`;
    const departures: Departure[] = [];
    const unchecked: string[] = [];
    const requestHeaders = toHeaders(req.rawHeaders);
    const requestBody = requestCopy.complete ? requestCopy.text(requestHeaders.get("content-encoding")) : undefined;
    if (!requestBody) unchecked.push(`request body: ${requestCopy.bytes} bytes, over the ${maxCheckBytes} checked`);
    else if ("problem" in requestBody) departures.push({ side: "request", at: "body", cause: requestBody.problem });
    else departures.push(...(await checkRequest(doc, op.operation, op.parameters, pathParams, { method, url, headers: requestHeaders, text: requestBody.text })));
    if (answer) {
      const headers = toHeaders(answer.res.rawHeaders);
      const body = answer.copy.complete ? answer.copy.text(headers.get("content-encoding")) : undefined;
      if (!body) unchecked.push(`response body: ${answer.copy.bytes} bytes, over the ${maxCheckBytes} checked`);
      else if ("problem" in body) departures.push({ side: "response", at: "body", cause: body.problem });
      else departures.push(...checkResponse(doc, op.operation, { status: answer.res.statusCode ?? 0, headers, text: body.text }, method === "HEAD" ? "head" : method));
    }
    return { operation, departures, unchecked };
  }

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const time = new Date().toISOString();
    const requestCopy = new BodyCopy(maxCheckBytes);
    let upstreamRes: IncomingMessage | undefined;
    const responseCopy = new BodyCopy(maxCheckBytes);
    let settled = false;
    let timedOut = false;
    let clientGone = false;

    const finish = (outcome: Outcome | null, failure?: string, answered?: number) => {
      if (settled) return;
      settled = true;
      const complete = outcome === null;
      check(req, requestCopy, complete && upstreamRes ? { res: upstreamRes, copy: responseCopy } : undefined)
        .then(({ operation, departures, unchecked }) => {
          const report: ProxyReport = {
            time,
            method: req.method ?? "GET",
            path: req.url ?? "/",
            operation,
            status: upstreamRes?.statusCode ?? null,
            answered: answered ?? upstreamRes?.statusCode ?? null,
            outcome: outcome ?? (departures.length ? "departs" : "conforms"),
            ...(failure ? { failure } : {}),
            departures,
            bodyBytes: responseCopy.bytes,
            ...(unchecked.length ? { unchecked } : {}),
          };
          options.onReport(redactReport(doc, req, requestCopy, report));
        })
        .catch((err) => {
          options.onReport(redactReport(doc, req, requestCopy, {
            time,
            method: req.method ?? "GET",
            path: req.url ?? "/",
            operation: null,
            status: upstreamRes?.statusCode ?? null,
            answered: answered ?? upstreamRes?.statusCode ?? null,
            outcome: outcome ?? "departs",
            failure: `the proxy could not check this exchange: ${(err as Error).message}`,
            departures: [],
            bodyBytes: responseCopy.bytes,
          }));
        });
    };

    /** The upstream failed: answer 502/504 if the client has had nothing yet, else cut its answer short. */
    const fail = (outcome: Outcome, failure: string) => {
      if (clientGone) return finish("client-aborted", "the client closed the connection before the answer was complete");
      let answered: number | undefined;
      if (!res.headersSent) {
        answered = outcome === "timeout" ? 504 : 502;
        res.writeHead(answered, { "content-type": "text/plain; charset=utf-8", "x-validating-proxy": outcome }).end(`validating proxy: ${failure}\n`);
      } else {
        res.destroy(); // the client sees the same truncated answer the upstream gave
      }
      finish(outcome, failure, answered);
    };

    const target = `${basePath}${req.url ?? "/"}`;
    const headers = endToEnd(req.rawHeaders, ["host"]);
    headers.unshift("Host", base.host);
    const forward = send({ protocol: base.protocol, hostname: base.hostname, port: base.port, method: req.method, path: target, headers, agent });
    forward.setTimeout(timeoutMs, () => {
      timedOut = true;
      forward.destroy(new Error("timeout"));
    });

    forward.on("response", (answer) => {
      upstreamRes = answer;
      res.sendDate = false; // the upstream's Date (or none) passes unchanged
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
      answer.on("data", (chunk: Buffer) => {
        responseCopy.add(chunk);
        res.write(chunk);
      });
      answer.on("end", () => {
        res.end();
        finish(null);
      });
      answer.on("error", () => undefined); // reported by "close" below
      answer.on("close", () => {
        if (answer.complete) return;
        if (timedOut) fail("timeout", `the upstream sent nothing for ${timeoutMs} ms after ${responseCopy.bytes} bytes of the body`);
        else fail("hang-up", `the upstream closed the connection after ${responseCopy.bytes} bytes of the body`);
      });
    });

    forward.on("error", (err: NodeJS.ErrnoException) => {
      if (upstreamRes) return; // a failure during the body is handled by the response's "close"
      if (timedOut) return fail("timeout", `the upstream did not answer within ${timeoutMs} ms`);
      if (clientGone) return fail("client-aborted", "the client closed the connection");
      const code = err.code ?? "";
      if (["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"].includes(code)) {
        return fail("unreachable", `cannot connect to ${base.host}: ${code || err.message}`);
      }
      fail("hang-up", `the upstream closed the connection before answering (${code || err.message})`);
    });

    req.on("data", (chunk: Buffer) => requestCopy.add(chunk));
    req.pipe(forward);
    res.on("close", () => {
      if (res.writableFinished || settled) return;
      clientGone = true;
      forward.destroy();
      finish("client-aborted", "the client closed the connection before the answer was complete");
    });
  };

  const relay = createServer(handle);
  const host = options.host ?? "127.0.0.1";
  await new Promise<void>((resolve, reject) => {
    relay.once("error", (err) => reject(new Error(`${api.name} proxy: cannot listen on ${host}:${options.port ?? 0}: ${err.message}`)));
    relay.listen(options.port ?? 0, host, () => resolve());
  });
  const address = relay.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
    close: async () => {
      relay.closeAllConnections();
      await new Promise<void>((r) => relay.close(() => r()));
      agent.destroy();
    },
  };
}
