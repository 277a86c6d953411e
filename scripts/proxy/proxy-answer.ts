// The validating proxy's answer step: the upstream's answer goes to the client as it came —
// status, status text, end-to-end headers (the upstream's Date, or none) and body bytes, streamed,
// never re-serialised — while a copy of the body is kept for checking. When the upstream fails,
// the client gets 502 (504 for a timeout) if nothing was sent yet, else its answer cut short.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { BodyCopy } from "./proxy-body.js";
import { endToEnd } from "./proxy-forward.js";
import type { Outcome } from "./proxy-report.js";

/** Passes the upstream's status line, headers and body chunks on, copying the body into `copy`. */
export function relayAnswer(res: ServerResponse, answer: IncomingMessage, copy: BodyCopy): void {
  res.sendDate = false; // the upstream's Date (or none) passes unchanged
  res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.rawHeaders));
  answer.on("data", (chunk: Buffer) => {
    copy.add(chunk);
    res.write(chunk);
  });
}

/** The upstream failed: answers 502/504 and returns that status if the client has had nothing yet, else cuts its answer short. */
export function answerFailure(res: ServerResponse, outcome: Outcome, failure: string): number | undefined {
  if (res.headersSent) {
    res.destroy(); // the client sees the same truncated answer the upstream gave
    return undefined;
  }
  const status = outcome === "timeout" ? 504 : 502;
  res
    .writeHead(status, { "content-type": "text/plain; charset=utf-8", "x-validating-proxy": outcome })
    .end(`validating proxy: ${failure}\n`);
  return status;
}
