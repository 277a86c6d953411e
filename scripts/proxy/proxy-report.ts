// What the validating proxy says about each exchange, its report step: the report record (built
// from the ended exchange and its check, credentials redacted), its one-line-per-departure
// console form, and the full JSON report file (`--report <file>`), rewritten atomically as
// requests complete, never truncated.
import type { OpenAPIObject } from "openapi3-ts/oas31";
import { formatDeparture, type Departure } from "../conformance/http-check.js";
import { maskTarget, redactDeep, requestSecrets } from "../conformance/secrets.js";
import { writeAtomic } from "../registry/files.js";
import { toHeaders, type BodyCopy } from "./proxy-body.js";
import type { CheckedExchange, ExchangeChecker, SeenRequest, SeenResponse } from "./proxy-check.js";

export type Outcome =
  /** The upstream answered and request and response match the spec. */
  | "conforms"
  /** The upstream answered; the request or the response departs from the spec. */
  | "departs"
  /** The upstream closed the connection before its answer was complete. */
  | "hang-up"
  /** The upstream sent nothing for the timeout, before or during its answer. */
  | "timeout"
  /** No connection to the upstream (refused, unknown host…). */
  | "unreachable"
  /** The client closed its connection before the answer was complete. */
  | "client-aborted";

export interface ProxyReport {
  /** When the request arrived (ISO 8601). */
  time: string;
  method: string;
  /** The request target as received (path and query; credentials masked, as everywhere in a report). */
  path: string;
  /** The operation checked against (`checkControlData`; `getX as HEAD` for a HEAD checked as its GET). */
  operation: string | null;
  /** The upstream's status; null when it did not answer. */
  status: number | null;
  /** The status the client got: the upstream's, or 502/504 from the proxy when it had none. */
  answered: number | null;
  outcome: Outcome;
  /** For hang-up, timeout, unreachable and client-aborted: what happened. */
  failure?: string;
  departures: Departure[];
  /** Response body bytes passed to the client (as sent, before any content-decoding). */
  bodyBytes: number;
  /** Parts left unchecked, and why (e.g. a body over the size the proxy checks). */
  unchecked?: string[];
}

/** An exchange that has ended (proxy-exchange.ts), as the report step gets it. */
export interface EndedExchange {
  /** When the request arrived (ISO 8601). */
  time: string;
  request: SeenRequest;
  /** The upstream's status; null when it did not answer. */
  status: number | null;
  /** The upstream's answer when it came complete (checked); undefined when it failed or the client went away. */
  response: SeenResponse | undefined;
  /** The copy of the response body as passed on so far (its byte count is the report's bodyBytes). */
  responseBody: BodyCopy;
  /** null: the upstream answered in full. */
  outcome: Outcome | null;
  failure?: string;
  /** The proxy's own 502/504, when it answered for the upstream. */
  answered?: number;
}

/** The report of an ended exchange from its check. */
function exchangeReport(ended: EndedExchange, { operation, departures, unchecked }: CheckedExchange): ProxyReport {
  return {
    time: ended.time,
    method: ended.request.method,
    path: ended.request.target,
    operation,
    status: ended.status,
    answered: ended.answered ?? ended.status,
    outcome: ended.outcome ?? (departures.length ? "departs" : "conforms"),
    ...(ended.failure ? { failure: ended.failure } : {}),
    departures,
    bodyBytes: ended.responseBody.bytes,
    ...(unchecked.length ? { unchecked } : {}),
  };
}

/** The report of an exchange the check itself failed on. */
function uncheckedReport(ended: EndedExchange, error: unknown): ProxyReport {
  return {
    time: ended.time,
    method: ended.request.method,
    path: ended.request.target,
    operation: null,
    status: ended.status,
    answered: ended.answered ?? ended.status,
    outcome: ended.outcome ?? "departs",
    failure: `the proxy could not check this exchange: ${(error as Error).message}`,
    departures: [],
    bodyBytes: ended.responseBody.bytes,
  };
}

/**
 * A report as the terminal and the report file see it: credential-named query values masked, and
 * every credential the request carried (header, cookie, Basic auth, query, body) replaced by ***
 * wherever it appears.
 */
function redactReport(doc: OpenAPIObject, request: SeenRequest, report: ProxyReport): ProxyReport {
  const headers = toHeaders(request.rawHeaders);
  const body = request.body.complete ? request.body.text(headers.get("content-encoding")) : undefined;
  const secrets = requestSecrets(
    { url: request.target, headers, ...(body && "text" in body ? { text: body.text } : {}) },
    doc,
  );
  return redactDeep({ ...report, path: maskTarget(report.path, doc) }, secrets);
}

/** The report step: checks an ended exchange and hands its report, redacted, to `onReport`. */
export function reportExchange(
  doc: OpenAPIObject,
  check: ExchangeChecker,
  ended: EndedExchange,
  onReport: (report: ProxyReport) => void,
): Promise<void> {
  return check(ended.request, ended.response)
    .then((checked) => onReport(redactReport(doc, ended.request, exchangeReport(ended, checked))))
    .catch((err) => onReport(redactReport(doc, ended.request, uncheckedReport(ended, err))));
}

const MARK: Record<Outcome, string> = {
  conforms: "✔",
  departs: "✘",
  "hang-up": "⚠",
  timeout: "⚠",
  unreachable: "⚠",
  "client-aborted": "·",
};

/** One line per exchange, then one indented line per departure. */
export function formatReport(report: ProxyReport): string {
  const op = report.operation ? ` (${report.operation})` : "";
  const head = `${MARK[report.outcome]} ${report.method} ${report.path} → ${report.status ?? "no answer"}${op}`;
  const lines: string[] = [];
  if (report.outcome === "conforms") lines.push(`${head}: conforms to the spec`);
  else if (report.outcome === "departs")
    lines.push(
      `${head}: ${report.departures.length} departure${report.departures.length === 1 ? "" : "s"} from the spec`,
    );
  else
    lines.push(
      `${head}: ${report.outcome}: ${report.failure}${report.answered !== report.status && report.answered !== null ? ` (proxy answered ${report.answered})` : ""}`,
    );
  if (report.outcome !== "departs" && report.departures.length)
    lines.push(`    and ${report.departures.length} departure${report.departures.length === 1 ? "" : "s"}:`);
  lines.push(...report.departures.map((d) => `    ${formatDeparture(d)}`));
  lines.push(...(report.unchecked ?? []).map((u) => `    not checked: ${u}`));
  return lines.join("\n");
}

export interface ReportSummary {
  requests: number;
  conforming: number;
  departing: number;
  /** Exchanges where the upstream hung up, timed out or could not be reached. */
  failed: number;
}

export function summarise(reports: ProxyReport[]): ReportSummary {
  const count = (outcomes: Outcome[]) => reports.filter((r) => outcomes.includes(r.outcome)).length;
  return {
    requests: reports.length,
    conforming: count(["conforms"]),
    departing: count(["departs"]),
    failed: count(["hang-up", "timeout", "unreachable"]),
  };
}

/**
 * The JSON report file: `{api, upstream, started, updated, summary, requests: [...]}`. Rewritten
 * atomically (at most every `intervalMs` while requests arrive, and on close), so a reader never
 * sees half a file and nothing is cut.
 */
export class ReportFile {
  private readonly reports: ProxyReport[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly started = new Date().toISOString();

  constructor(
    readonly path: string,
    private readonly meta: { api: string; upstream: string },
    private readonly intervalMs = 250,
  ) {
    this.flush(); // fail early (bad directory, no permission) and show an empty report at once
  }

  add(report: ProxyReport): void {
    this.reports.push(report);
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs).unref();
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const document = {
      ...this.meta,
      started: this.started,
      updated: new Date().toISOString(),
      summary: summarise(this.reports),
      requests: this.reports,
    };
    writeAtomic(this.path, `${JSON.stringify(document, null, 2)}\n`);
  }
}
