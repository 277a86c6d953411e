// One exchange through the validating proxy, from the client's request to its report: forward it
// (proxy-forward.ts), pass the answer on (proxy-answer.ts), and when it has ended — answered in
// full, or the upstream hung up, timed out or could not be reached, or the client went away —
// hand what was seen to `done` once (the check and the report, proxy-report.ts).
import type { ClientRequest, IncomingMessage, ServerResponse } from "node:http";
import { BodyCopy } from "./proxy-body.js";
import type { SeenRequest } from "./proxy-check.js";
import { answerFailure, relayAnswer } from "./proxy-answer.js";
import { connectFailure, type Upstream } from "./proxy-forward.js";
import type { EndedExchange, Outcome } from "./proxy-report.js";

export interface ExchangeContext {
  upstream: Upstream;
  /** Milliseconds the upstream may stay silent (before or during its answer). */
  timeoutMs: number;
  /** Bodies larger than this are passed through but not checked. */
  maxCheckBytes: number;
  /** Called once per exchange, when it has ended. */
  done(ended: EndedExchange): void;
}

const CLIENT_ABORTED = "the client closed the connection before the answer was complete";

class Exchange {
  private readonly time = new Date().toISOString();
  private readonly request: SeenRequest;
  private readonly responseBody: BodyCopy;
  private forwarded: ClientRequest | undefined;
  private answer: IncomingMessage | undefined;
  private settled = false;
  private timedOut = false;
  private clientGone = false;

  constructor(
    private readonly context: ExchangeContext,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
  ) {
    this.request = {
      method: req.method ?? "GET",
      target: req.url ?? "/",
      rawHeaders: req.rawHeaders,
      body: new BodyCopy(context.maxCheckBytes),
    };
    this.responseBody = new BodyCopy(context.maxCheckBytes);
  }

  /** Forwards the request, copying its body, and watches the client's connection. */
  start(): void {
    const forwarded = (this.forwarded = this.context.upstream.forward(this.req));
    forwarded.setTimeout(this.context.timeoutMs, () => {
      this.timedOut = true;
      forwarded.destroy(new Error("timeout"));
    });
    forwarded.on("response", (answer) => this.relay(answer));
    forwarded.on("error", (err: NodeJS.ErrnoException) => this.upstreamError(err));
    this.req.on("data", (chunk: Buffer) => this.request.body.add(chunk));
    this.req.pipe(forwarded);
    this.res.on("close", () => this.clientClosed());
  }

  /** The upstream answers: passed on as it comes; ended when complete, or cut short. */
  private relay(answer: IncomingMessage): void {
    this.answer = answer;
    relayAnswer(this.res, answer, this.responseBody);
    answer.on("end", () => {
      this.res.end();
      this.finish(null);
    });
    answer.on("error", () => undefined); // reported by "close" below
    answer.on("close", () => {
      if (answer.complete) return;
      const after = `${this.responseBody.bytes} bytes of the body`;
      if (this.timedOut)
        this.fail("timeout", `the upstream sent nothing for ${this.context.timeoutMs} ms after ${after}`);
      else this.fail("hang-up", `the upstream closed the connection after ${after}`);
    });
  }

  /** The request to the upstream failed before any answer (a failure during the body is the answer's "close"). */
  private upstreamError(err: NodeJS.ErrnoException): void {
    if (this.answer) return;
    if (this.timedOut) return this.fail("timeout", `the upstream did not answer within ${this.context.timeoutMs} ms`);
    if (this.clientGone) return this.fail("client-aborted", "the client closed the connection");
    const { outcome, failure } = connectFailure(err, this.context.upstream.host);
    this.fail(outcome, failure);
  }

  private clientClosed(): void {
    if (this.res.writableFinished || this.settled) return;
    this.clientGone = true;
    this.forwarded?.destroy();
    this.finish("client-aborted", CLIENT_ABORTED);
  }

  /** The upstream failed: the client gets 502/504 or a cut answer (answer step), then the exchange ends. */
  private fail(outcome: Outcome, failure: string): void {
    if (this.clientGone) return this.finish("client-aborted", CLIENT_ABORTED);
    this.finish(outcome, failure, answerFailure(this.res, outcome, failure));
  }

  /** Ends the exchange once; `outcome` null: the upstream's answer came complete. */
  private finish(outcome: Outcome | null, failure?: string, answered?: number): void {
    if (this.settled) return;
    this.settled = true;
    const answer = this.answer;
    this.context.done({
      time: this.time,
      request: this.request,
      status: answer?.statusCode ?? null,
      response:
        outcome === null && answer
          ? { status: answer.statusCode ?? 0, rawHeaders: answer.rawHeaders, body: this.responseBody }
          : undefined,
      responseBody: this.responseBody,
      outcome,
      ...(failure === undefined ? {} : { failure }),
      ...(answered === undefined ? {} : { answered }),
    });
  }
}

/** Relays one request to the upstream and its answer back; `context.done` gets the ended exchange. */
export function relayExchange(context: ExchangeContext, req: IncomingMessage, res: ServerResponse): void {
  new Exchange(context, req, res).start();
}
