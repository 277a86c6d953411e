// A validating proxy in front of a real server. Each request is forwarded with node:http and the
// answer passed back as it came: status, status text, end-to-end headers (names, order and
// repeats kept) and body bytes, streamed, never re-serialised. A copy of both bodies is checked
// afterwards against the API's dereferenced document (http-check.ts: Ajv, JSON Schema 2020-12),
// and one report per exchange says whether it conforms, how it departs, or that the upstream hung
// up, timed out or could not be reached (the client then gets 502, or 504 for a timeout, if
// nothing was sent yet).
//
// The steps, one file each: server (proxy-server.ts), forward and CORS (proxy-forward.ts), the
// exchange's course (proxy-exchange.ts), answer (proxy-answer.ts), routing and validation of
// request and response (proxy-check.ts), report (proxy-report.ts). The document is the build's
// generated/<api>/openapi.dereferenced.json (built-document.ts), never specs/ bundled again.
//
// Why not Prism's proxy mode (used before): it parses and re-serialises JSON bodies (so an Etag
// computed over the body no longer matches), parses HEAD's empty body as JSON and turns the
// answer into a 500, reports upstream failures as ordinary 500s, and carries its findings in an
// 8 KB response header that long reports overflow.
import type { OpenAPIObject } from "openapi3-ts/oas31";
import type { ApiEntry } from "../registry/apis.js";
import { readDereferenced } from "../serve/built-document.js";
import { exchangeChecker } from "./proxy-check.js";
import { relayExchange } from "./proxy-exchange.js";
import { upstreamOf } from "./proxy-forward.js";
import { reportExchange, type EndedExchange, type ProxyReport } from "./proxy-report.js";
import { listenProxy, type ProxyHandle } from "./proxy-server.js";

export type { ProxyHandle } from "./proxy-server.js";

export interface ProxyOptions {
  host?: string;
  port?: number;
  /** Milliseconds the upstream may stay silent (before or during its answer); default 30 000. */
  timeoutMs?: number;
  /** Bodies larger than this are passed through but not checked; default 32 MiB. */
  maxCheckBytes?: number;
  /** The document to check against; default: the build's generated/<api>/openapi.dereferenced.json (NotBuiltError when missing or stale). */
  spec?: OpenAPIObject;
  onReport: (report: ProxyReport) => void;
}

export async function startValidatingProxy(
  api: ApiEntry,
  upstreamUrl: string,
  options: ProxyOptions,
): Promise<ProxyHandle> {
  const upstream = upstreamOf(api.name, upstreamUrl);
  const doc = options.spec ?? readDereferenced(api);
  const check = exchangeChecker(doc);
  const context = {
    upstream,
    timeoutMs: options.timeoutMs ?? 30_000,
    maxCheckBytes: options.maxCheckBytes ?? 32 * 1024 * 1024,
    done: (ended: EndedExchange) => void reportExchange(doc, check, ended, options.onReport),
  };
  const server = await listenProxy(api.name, options.host ?? "127.0.0.1", options.port ?? 0, (req, res) =>
    relayExchange(context, req, res),
  );
  return {
    url: server.url,
    close: async () => {
      await server.close();
      upstream.close();
    },
  };
}
