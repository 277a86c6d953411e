// The server step: the mocks' node:http server, with Prism's request engine behind our own request
// handling (in place of @stoplight/prism-http-server, whose body parser answers malformed JSON with
// micri's `{"error":{"code":"invalid_json"}}`, a body no spec here allows). The handling itself is
// createMockHandler (mock-handler.ts, its steps named there), whatever carries the request
// (node:http here, MSW in msw-handlers.ts). The server bounds what a client can hold: a 10 MiB
// body limit (the rest read and dropped), header and request timeouts, a backlog for bursts; and
// close() ends keep-alive and half-sent requests too, so a stop frees the port at once.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createMockHandler } from "./mock-handler.js";
import type { BodyRead, MockServerOptions, Operation } from "./mock-types.js";

/** Prism's own request-body limit (the CLI's), kept so that the mock accepts what the CLI accepts. */
export const BODY_LIMIT = 10 * 1024 * 1024;

export interface MockServer {
  server: Server;
  listen(port: number, host: string): Promise<string>;
  close(): Promise<void>;
}

const TOO_LARGE: BodyRead = {
  kind: "bad",
  code: "body-too-large",
  message: `request body is larger than ${BODY_LIMIT} bytes`,
};
const NO_BODY: BodyRead = { kind: "none" };

/** A fatal decoder keeps no state between whole-body decodes: one serves every request. */
const UTF8 = new TextDecoder("utf-8", { fatal: true });

/** A whole body, as read: too large, not UTF-8, or its text. */
export function decodeBody(bytes: Uint8Array): BodyRead {
  if (bytes.byteLength > BODY_LIMIT) return TOO_LARGE;
  try {
    return { kind: "text", text: UTF8.decode(bytes) };
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
  if (length === "0" || (length === undefined && req.headers["transfer-encoding"] === undefined))
    return Promise.resolve(NO_BODY);
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
      if (size <= BODY_LIMIT) resolve(decodeBody(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    });
  });
}

export function createMockServer(operations: Operation[], options: MockServerOptions): MockServer {
  const { logger } = options;
  const handle = createMockHandler(operations, options);
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    handle(req, () => readBody(req), res).catch((err: Error) => {
      logger.error({ err }, `mock: request failed: ${err.message}`);
      if (res.headersSent) res.destroy();
      else
        res
          .writeHead(500, { "content-type": "application/problem+json", connection: "close" })
          .end(JSON.stringify({ type: "about:blank", title: "mock error", status: 500, detail: err.message }));
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
          resolve(
            typeof address === "object" && address ? `http://${address.address}:${address.port}` : String(address),
          );
        });
      }),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
