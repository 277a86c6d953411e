// What the validating proxy keeps of each exchange for checking: a copy of each body (up to a
// limit; the bytes themselves pass through untouched) and the headers as the Fetch API's Headers.
import { brotliDecompressSync, gunzipSync, inflateSync } from "node:zlib";

/** A raw header list (name, value, name, value…) as Headers; a header Fetch refuses is left out (it still passes on). */
export function toHeaders(raw: string[]): Headers {
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

/** The codings of a Content-Encoding, in the order they are undone. */
const codings = (contentEncoding: string | null) =>
  (contentEncoding ?? "")
    .split(",")
    .map((c) => c.trim().toLowerCase())
    .filter((c) => c && c !== "identity")
    .reverse();

/** Collects up to `limit` bytes of a stream's chunks, remembering the total. */
export class BodyCopy {
  private chunks: Buffer[] = [];
  bytes = 0;
  constructor(readonly limit: number) {}
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
      for (const coding of codings(contentEncoding)) {
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

/** What the proxy saw of one side of an exchange: its raw headers and its body copy. */
export interface SeenMessage {
  rawHeaders: string[];
  body: BodyCopy;
}

/** A seen body as text for checking: the text, a problem decoding it, or why it went unchecked (too large). */
export function seenText(
  seen: SeenMessage,
  headers: Headers,
  side: "request" | "response",
): { text: string } | { problem: string } | { unchecked: string } {
  if (!seen.body.complete)
    return { unchecked: `${side} body: ${seen.body.bytes} bytes, over the ${seen.body.limit} checked` };
  return seen.body.text(headers.get("content-encoding"));
}
