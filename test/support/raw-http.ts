// HTTP as it is on the wire, for tests that compare answers byte for byte: raw header lists
// (case, order and repeats kept) and raw body bytes, with node:http rather than fetch.
import { request, type OutgoingHttpHeaders } from "node:http";

export interface Raw {
  status: number;
  statusMessage: string;
  rawHeaders: string[];
  body: Buffer;
}

/** One request; rejects when the connection fails or the answer is cut short. */
export function send(
  url: string,
  options: { method?: string; headers?: OutgoingHttpHeaders; body?: string | Buffer } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? "GET", headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("error", reject);
      res.on("end", () =>
        resolve({
          status: res.statusCode!,
          statusMessage: res.statusMessage!,
          rawHeaders: res.rawHeaders,
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on("error", reject);
    req.end(options.body);
  });
}

// Connection-level headers, which each hop sets for itself (RFC 9110 §7.6.1).
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding"]);

/** A raw header list without the connection-level headers (and without `drop`, lower-case names). */
export function endToEnd(raw: string[], drop: string[] = []): string[] {
  return raw.flatMap((v, i) =>
    i % 2 === 0 && !HOP_BY_HOP.has(v.toLowerCase()) && !drop.includes(v.toLowerCase()) ? [v, raw[i + 1]!] : [],
  );
}

/** The value of a header in a raw list (first occurrence, any case). */
export function rawHeader(raw: string[], name: string): string | undefined {
  const i = raw.findIndex((h, j) => j % 2 === 0 && h.toLowerCase() === name.toLowerCase());
  return i < 0 ? undefined : raw[i + 1];
}
