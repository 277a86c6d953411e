// The validating proxy's forward step: each request goes to the upstream with node:http(s) as it
// came — method, target (below the upstream URL's path), end-to-end headers with names, order and
// repeats kept, body streamed — with only Host naming the upstream. No connection reuse: a
// kept-alive socket the upstream has just closed would read as a hang-up.
//
// CORS: the proxy has none of its own. A browser's preflight (OPTIONS with Origin and
// Access-Control-Request-Method) is forwarded like any other request and the upstream's
// Access-Control-* headers come back as sent (none of them is hop-by-hop), so a page on another
// origin is allowed exactly what the upstream allows it, and the report says how the preflight
// fits the spec like any exchange.
import { request as httpRequest, Agent, type ClientRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest, Agent as HttpsAgent } from "node:https";
import type { Outcome } from "./proxy-report.js";

// Connection-level headers (RFC 9110 §7.6.1): each hop sets its own; everything else passes as is.
const HOP_BY_HOP = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
  "proxy-authenticate",
  "proxy-authorization",
]);

/** A raw header list (name, value, name, value…) without hop-by-hop headers and those `Connection` names. */
export function endToEnd(raw: string[], extraDrop: string[] = []): string[] {
  const drop = new Set([...HOP_BY_HOP, ...extraDrop]);
  for (let i = 0; i < raw.length; i += 2) {
    if (raw[i]!.toLowerCase() === "connection")
      for (const token of raw[i + 1]!.split(",")) drop.add(token.trim().toLowerCase());
  }
  const out: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (!drop.has(raw[i]!.toLowerCase())) out.push(raw[i]!, raw[i + 1]!);
  return out;
}

export interface Upstream {
  /** host[:port], as Host and in messages. */
  host: string;
  /** Sends the request on to the upstream (its body still to be piped in). */
  forward(req: IncomingMessage): ClientRequest;
  /** Frees the upstream's sockets. */
  close(): void;
}

/** The upstream at an http(s) URL; a request's target is appended to the URL's path. */
export function upstreamOf(name: string, upstream: string): Upstream {
  const base = new URL(upstream);
  if (base.protocol !== "http:" && base.protocol !== "https:")
    throw new Error(`${name} proxy: upstream must be an http(s) URL, not ${upstream}`);
  const send = base.protocol === "https:" ? httpsRequest : httpRequest;
  const agent = base.protocol === "https:" ? new HttpsAgent({ keepAlive: false }) : new Agent({ keepAlive: false });
  const basePath = base.pathname.replace(/\/$/, "");
  return {
    host: base.host,
    forward(req) {
      const headers = endToEnd(req.rawHeaders, ["host"]);
      headers.unshift("Host", base.host);
      return send({
        protocol: base.protocol,
        hostname: base.hostname,
        port: base.port,
        method: req.method,
        path: `${basePath}${req.url ?? "/"}`,
        headers,
        agent,
      });
    },
    close: () => agent.destroy(),
  };
}

const CANNOT_CONNECT = ["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"];

/** Why the upstream gave no answer at all: no connection (unreachable), or the connection closed (hang-up). */
export function connectFailure(err: NodeJS.ErrnoException, host: string): { outcome: Outcome; failure: string } {
  const code = err.code ?? "";
  if (CANNOT_CONNECT.includes(code))
    return { outcome: "unreachable", failure: `cannot connect to ${host}: ${code || err.message}` };
  return {
    outcome: "hang-up",
    failure: `the upstream closed the connection before answering (${code || err.message})`,
  };
}
