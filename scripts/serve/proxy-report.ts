// What the validating proxy says about each exchange: the report record, its one-line-per-
// departure console form, and the full JSON report file (`--report <file>`), rewritten
// atomically as requests complete, never truncated.
import { formatDeparture, type Departure } from "../conformance/http-check.js";
import { writeAtomic } from "../registry/files.js";

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

const MARK: Record<Outcome, string> = { conforms: "✔", departs: "✘", "hang-up": "⚠", timeout: "⚠", unreachable: "⚠", "client-aborted": "·" };

/** One line per exchange, then one indented line per departure. */
export function formatReport(report: ProxyReport): string {
  const op = report.operation ? ` (${report.operation})` : "";
  const head = `${MARK[report.outcome]} ${report.method} ${report.path} → ${report.status ?? "no answer"}${op}`;
  const lines: string[] = [];
  if (report.outcome === "conforms") lines.push(`${head}: conforms to the spec`);
  else if (report.outcome === "departs") lines.push(`${head}: ${report.departures.length} departure${report.departures.length === 1 ? "" : "s"} from the spec`);
  else lines.push(`${head}: ${report.outcome}: ${report.failure}${report.answered !== report.status && report.answered !== null ? ` (proxy answered ${report.answered})` : ""}`);
  if (report.outcome !== "departs" && report.departures.length) lines.push(`    and ${report.departures.length} departure${report.departures.length === 1 ? "" : "s"}:`);
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
  return { requests: reports.length, conforming: count(["conforms"]), departing: count(["departs"]), failed: count(["hang-up", "timeout", "unreachable"]) };
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
    const document = { ...this.meta, started: this.started, updated: new Date().toISOString(), summary: summarise(this.reports), requests: this.reports };
    writeAtomic(this.path, `${JSON.stringify(document, null, 2)}\n`);
  }
}
