// A small deterministic HTTP server for the client-helper tests: node:http on 127.0.0.1, a free
// port, a swappable handler, and a log of every request it received.
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { expect } from "vitest";

export interface Recorded {
  method: string;
  /** Path without the query string. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string;
}

export type Handler = (request: Recorded) => Reply | Promise<Reply>;

export interface TestServer {
  url: string;
  requests: Recorded[];
  /** Replaces the handler and clears the request log. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

export async function startServer(): Promise<TestServer> {
  let handler: Handler = () => ({ status: 500, json: { error: "no handler" } });
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const recorded: Recorded = {
        method: req.method ?? "",
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(recorded);
      try {
        const reply = await handler(recorded);
        const body = reply.json !== undefined ? JSON.stringify(reply.json) : (reply.text ?? "");
        const type = reply.json !== undefined ? { "Content-Type": "application/json" } : {};
        res.writeHead(reply.status ?? 200, { ...type, ...reply.headers });
        res.end(body);
      } catch (error) {
        res.writeHead(500, { "Content-Type": "text/plain" });
        res.end(String(error));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    handle(next) {
      handler = next;
      requests.length = 0;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** A sleep that waits for nothing and remembers what it was asked to wait. */
export function fakeSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

/** The error thrown by `run` (fails the test if nothing is thrown). */
export async function caught(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error("expected an error, none was thrown");
}

/** Asserts that no secret appears in the error's message, JSON, stack or inspected form. */
export function expectNoSecrets(error: unknown, secrets: string[]): void {
  const err = error as Error;
  const views = [
    err.message,
    JSON.stringify(err),
    String(err.stack),
    inspect(err, { depth: 10, showHidden: true }),
    String(err),
  ];
  for (const secret of secrets) {
    expect(secret.length).toBeGreaterThan(3);
    for (const view of views) expect(view).not.toContain(secret);
  }
}
