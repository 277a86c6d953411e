// Bad input and load against a running server, every loop bounded in count and time. Shared by the
// fuzz test (which asserts on the answers) and `npm run bench -- --only abuse` (which prints them
// with the server's memory before and after). Raw sockets, so that paths and headers reach the
// server exactly as written (fetch would normalise `/../` and refuse oversized headers).
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { connect, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RawAnswer {
  /** HTTP status, or 0 when the server closed/reset the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  error?: string;
}

const CRLF = "\r\n";

/** Sends one request (head as given, then `body`) and reads the answer; never waits longer than timeoutMs. */
export function rawRequest(
  base: string,
  head: { method: string; path: string; headers?: Record<string, string> | [string, string][] },
  body?: Buffer | string,
  timeoutMs = 15_000,
): Promise<RawAnswer> {
  const url = new URL(base);
  const headerList = Array.isArray(head.headers) ? head.headers : Object.entries(head.headers ?? {});
  // Keep-alive (no `Connection: close`): a server that answers before the body is all sent
  // should go on reading it, and the answer is complete when its length says so.
  const lines = [
    `${head.method} ${head.path} HTTP/1.1`,
    `Host: ${url.host}`,
    ...headerList.map(([k, v]) => `${k}: ${v}`),
  ];
  if (body !== undefined && !headerList.some(([k]) => /^(content-length|transfer-encoding)$/i.test(k)))
    lines.push(`Content-Length: ${Buffer.byteLength(body)}`);
  return new Promise((resolve) => {
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    let done = false;
    const finish = (error?: string) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks).toString("latin1"), error));
    };
    const timer = setTimeout(() => finish("timeout"), timeoutMs);
    socket.on("data", (d) => {
      chunks.push(d);
      if (complete(Buffer.concat(chunks).toString("latin1"), head.method)) finish();
    });
    socket.on("end", () => finish());
    socket.on("error", (err) => finish((err as NodeJS.ErrnoException).code ?? err.message));
    socket.on("connect", () => {
      socket.write(lines.join(CRLF) + CRLF + CRLF);
      if (body !== undefined) socket.write(body);
    });
  });
}

/** Whether `text` holds a whole answer (by Content-Length, chunked end, or no body). */
function complete(text: string, method: string): boolean {
  const end = text.indexOf(CRLF + CRLF);
  if (end < 0) return false;
  const head = text.slice(0, end);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1]);
  if (method === "HEAD" || status === 204 || status === 304) return true;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
  if (length !== undefined) return text.length - end - 4 >= Number(length);
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) return text.endsWith("\r\n0\r\n\r\n");
  return false; // read until the server closes
}

function parseAnswer(text: string, error?: string): RawAnswer {
  const match = /^HTTP\/1\.[01] (\d{3})[^\r\n]*\r\n([\s\S]*?)\r\n\r\n([\s\S]*)$/.exec(text);
  if (!match) return { status: 0, headers: {}, body: text, ...(error ? { error } : {}) };
  const headers: Record<string, string> = {};
  for (const line of match[2]!.split(CRLF)) {
    const i = line.indexOf(":");
    if (i > 0) headers[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
  }
  let body = match[3]!;
  if (/chunked/i.test(headers["transfer-encoding"] ?? "")) body = dechunk(body);
  // Read as Latin-1 (one char per byte) to find the head; the body is UTF-8.
  return {
    status: Number(match[1]),
    headers,
    body: Buffer.from(body, "latin1").toString("utf8"),
    ...(error ? { error } : {}),
  };
}

function dechunk(text: string): string {
  let out = "";
  let rest = text;
  for (;;) {
    const eol = rest.indexOf(CRLF);
    const size = parseInt(rest.slice(0, eol), 16);
    if (!size || eol < 0) return out;
    out += rest.slice(eol + 2, eol + 2 + size);
    rest = rest.slice(eol + 2 + size + 2);
  }
}

/** A body of `bytes` bytes: a JSON string that never ends (so it is also malformed). */
export function oversizedBody(bytes = 20 * 1024 * 1024): Buffer {
  const body = Buffer.alloc(bytes, 0x61);
  body.write('{"name":"', 0);
  return body;
}

export function deepJson(depth: number, kind: "array" | "object"): string {
  return kind === "array" ? "[".repeat(depth) + "]".repeat(depth) : '{"a":'.repeat(depth) + "1" + "}".repeat(depth);
}

/** `count` headers of `size` bytes each (Node refuses heads over 16 KiB with 431). */
export function headerFlood(count: number, size: number): [string, string][] {
  return Array.from({ length: count }, (_, i) => [`X-Flood-${i}`, "f".repeat(size)]);
}

/** Opens `count` connections that trickle a request one byte every `everyMs` and never finish it;
 * returns a function that closes them. */
export function slowClients(base: string, count: number, everyMs = 100): () => void {
  const url = new URL(base);
  const head = Buffer.from(`POST / HTTP/1.1${CRLF}Host: ${url.host}${CRLF}Content-Length: 1000000${CRLF}X-Slow: `);
  const sockets: Socket[] = [];
  const timers: NodeJS.Timeout[] = [];
  for (let i = 0; i < count; i++) {
    const socket = connect(Number(url.port), url.hostname);
    socket.on("error", () => undefined);
    sockets.push(socket);
    let sent = 0;
    timers.push(
      setInterval(() => {
        if (!socket.writable) return;
        socket.write(sent < head.length ? head.subarray(sent, sent + 1) : "s");
        sent++;
      }, everyMs),
    );
  }
  return () => {
    for (const t of timers) clearInterval(t);
    for (const s of sockets) s.destroy();
  };
}

/** `count` requests, all connections opened at once; the answers' statuses counted (0: no answer). */
export async function concurrentRequests(
  base: string,
  count: number,
  head: { method: string; path: string; headers?: Record<string, string> },
): Promise<Record<number, number>> {
  const answers = await Promise.all(Array.from({ length: count }, () => rawRequest(base, head, undefined, 30_000)));
  const counts: Record<number, number> = {};
  for (const a of answers) counts[a.status] = (counts[a.status] ?? 0) + 1;
  return counts;
}

/** Paths that try to leave the docs folder, encoded the ways servers get wrong. */
export const TRAVERSALS = [
  "/../secret.txt",
  "/..%2fsecret.txt",
  "/..%2Fsecret.txt",
  "/%2e%2e/secret.txt",
  "/%2e%2e%2fsecret.txt",
  "/%2E%2E%2Fsecret.txt",
  "/.%2e/secret.txt",
  "/..%5csecret.txt",
  "/..\\secret.txt",
  "/%252e%252e%252fsecret.txt",
  "/sub/..%2f..%2fsecret.txt",
  "//..//..//secret.txt",
  "/%2f..%2fsecret.txt",
  "/link-out",
  "/link-out/",
  "/secret.txt%00.html",
  "/%00",
  "/%E0%A4%A",
  "/%",
  "/..%c0%afsecret.txt",
];

export const SECRET = "SECRET-OUTSIDE-THE-DOCS-FOLDER";

/** A docs folder to attack: docs/index.html, docs/sub/page.html, and beside docs/ a secret.txt
 * that must never be served, also reachable through a symlink docs/link-out. */
export function traversalFixture(): { docsDir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "traversal-"));
  writeFileSync(join(dir, "secret.txt"), SECRET);
  mkdirSync(join(dir, "docs", "sub"), { recursive: true });
  writeFileSync(join(dir, "docs", "index.html"), "<!doctype html><title>docs</title>");
  writeFileSync(join(dir, "docs", "sub", "page.html"), "<!doctype html><title>page</title>");
  symlinkSync(join(dir, "secret.txt"), join(dir, "docs", "link-out"));
  return { docsDir: join(dir, "docs"), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
