// Records every exchange a live check makes (through the generated clients, their helpers, or a
// raw request for what fetch cannot send) and validates each answer — status, headers, body —
// against the operation the bundle documents for its method and path.
import { request as httpRequest } from "node:http";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { listOperations, type OperationRef } from "../openapi/openapi.js";
import { pathMatcher, type PathMatch } from "../conformance/operation-match.js";
import { checkResponse, formatDeparture } from "../conformance/http-check.js";

export interface Exchange {
  method: string;
  /** Path without the query. */
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The spec operation the answer was checked against (undefined: none matches). */
  operationId: string | undefined;
  problems: string[];
}

export interface ProbeRow {
  /** What the probe does, e.g. "read-only key". */
  label: string;
  operationId: string;
  expected: number[];
  /** Statuses of the probe's exchanges, in order. */
  statuses: number[];
  problems: string[];
}

/**
 * The operation an answer is checked against: the one for its method and path; for a method the
 * path does not have (405, or 401 before routing), the path's operation that documents that
 * status, `preferred` first.
 */
function operationFor(found: PathMatch | undefined, method: string, status: number, preferred?: string): OperationRef | undefined {
  if (!found) return undefined;
  const op = found.operations.find((o) => o.method === method.toLowerCase());
  if (op) return op;
  const documenting = found.operations.filter((o) => o.operation.responses?.[String(status)]);
  return documenting.find((o) => o.operation.operationId === preferred) ?? documenting[0];
}

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
}

export class Recorder {
  readonly rows: ProbeRow[] = [];
  readonly #doc: OpenApiDocument;
  readonly #matchPath: (pathname: string) => PathMatch | undefined;
  #current: Exchange[] | undefined;
  #currentOperationId: string | undefined;

  constructor(doc: OpenApiDocument) {
    this.#doc = doc;
    this.#matchPath = pathMatcher(doc);
  }

  /** Whether the bundle has an operation with this operationId. */
  hasOperation(operationId: string): boolean {
    return listOperations(this.#doc).some((op) => op.operation.operationId === operationId);
  }

  /** A fetch for the generated clients (their `fetch` option): passes the answer on untouched and records a copy. */
  readonly fetch = async (input: Request, init?: RequestInit): Promise<Response> => {
    const method = input.method;
    const url = new URL(input.url);
    const response = await globalThis.fetch(input, init);
    const text = method === "HEAD" ? "" : await response.clone().text();
    this.#record(method, url.pathname, { status: response.status, headers: response.headers, text });
    return response;
  };

  /** A request fetch cannot send (a GET with a body, an `Expect` header); the answer is recorded. */
  async raw(method: string, url: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
    const target = new URL(url);
    const answer = await new Promise<RawAnswer>((done, fail) => {
      const req = httpRequest(target, { method, headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const h = new Headers();
          for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
          done({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString("utf8") });
        });
        res.on("error", fail);
      });
      req.on("error", fail);
      req.end(body);
    });
    this.#record(method, target.pathname, answer);
    return answer;
  }

  #record(method: string, path: string, answer: RawAnswer): void {
    const op = operationFor(this.#matchPath(path), method, answer.status, this.#currentOperationId);
    const problems = op
      ? checkResponse(this.#doc, op.operation, answer, method.toLowerCase()).map(formatDeparture)
      : [`${method} ${path} is not a documented path`];
    this.#current?.push({ method, path, ...answer, operationId: op?.operation.operationId, problems });
  }

  /**
   * Runs one probe: `run` makes the calls; every answer must match the spec, and the last one's
   * status must be one of `expected`. `check` may add problems the spec cannot express.
   */
  async probe(
    operationId: string,
    label: string,
    expected: number[],
    run: () => Promise<unknown>,
    check?: (exchanges: Exchange[]) => string[],
  ): Promise<Exchange[]> {
    const exchanges: Exchange[] = [];
    this.#current = exchanges;
    this.#currentOperationId = operationId;
    const problems: string[] = [];
    try {
      await run();
    } catch (error) {
      problems.push(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    } finally {
      this.#current = undefined;
      this.#currentOperationId = undefined;
    }
    for (const e of exchanges) problems.push(...e.problems.map((p) => `${e.method} ${e.path} ${e.status}: ${p}`));
    const last = exchanges.at(-1);
    if (!last) problems.push("no request was made");
    // Only error bodies are quoted: a success body may hold secrets (Livebridge's control data).
    else if (!expected.includes(last.status)) problems.push(`expected ${expected.join(" or ")}, got ${last.status}${last.status >= 400 ? `: ${last.text.slice(0, 120)}` : ""}`);
    if (last && last.operationId !== operationId && !exchanges.some((e) => e.operationId === operationId)) {
      problems.push(`answers were checked against ${last.operationId ?? "no operation"}, not ${operationId}`);
    }
    if (check) problems.push(...check(exchanges));
    this.rows.push({ label, operationId, expected, statuses: exchanges.map((e) => e.status), problems });
    return exchanges;
  }

  /** Rows with problems. */
  get failures(): ProbeRow[] {
    return this.rows.filter((r) => r.problems.length > 0);
  }

  /** operationId → statuses seen in the probes' answers that were checked against it. */
  coverage(): Record<string, number[]> {
    const out: Record<string, Set<number>> = {};
    for (const row of this.rows) {
      const last = row.statuses.at(-1);
      if (last !== undefined) (out[row.operationId] ??= new Set()).add(last);
    }
    return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, [...v].sort((a, b) => a - b)]));
  }
}

/** A plain-text table: one line per probe, grouped by operation. */
export function formatTable(rows: ProbeRow[]): string {
  const lines: string[] = [];
  const byOp = new Map<string, ProbeRow[]>();
  for (const row of rows) byOp.set(row.operationId, [...(byOp.get(row.operationId) ?? []), row]);
  for (const [op, opRows] of byOp) {
    lines.push(op);
    const width = Math.max(...opRows.map((r) => r.label.length));
    for (const r of opRows) {
      const verdict = r.problems.length ? "DEPARTS" : "ok";
      lines.push(`  ${r.label.padEnd(width)}  expected ${r.expected.join("/").padEnd(7)}  got ${(r.statuses.join(",") || "-").padEnd(9)}  ${verdict}`);
      for (const p of r.problems) lines.push(`      ${p}`);
    }
  }
  return lines.join("\n");
}
