// Records every exchange a live check makes (through the generated clients, their helpers, or a
// raw request for what fetch cannot send) and validates both sides against the operation the
// bundle documents for its method and path: the request we sent (a departure of ours) and the
// answer — status, headers, body — the server gave (a departure of the server's). Every
// credential a request carried is remembered, so nothing printed about a run repeats one.
import { request as httpRequest } from "node:http";
import type { OpenAPIObject } from "openapi3-ts/oas31";
import { listOperations, type OperationRef } from "../openapi/openapi.js";
import { pathMatcher, type PathMatch } from "../conformance/operation-match.js";
import { checkRequest, checkResponse, formatDeparture } from "../conformance/http-check.js";
import { redactText, requestSecrets } from "../conformance/secrets.js";

/** The server could not be reached (refused, unknown host, reset): the run stops at once. */
export class UnreachableError extends Error {
  override readonly name = "UnreachableError";
}

/** Why fetch failed, from undici's `cause` (ECONNREFUSED, ENOTFOUND, …). */
export function networkCause(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export interface Exchange {
  method: string;
  /** Path without the query. */
  path: string;
  status: number;
  headers: Headers;
  text: string;
  /** The spec operation the answer was checked against (undefined: none matches). */
  operationId: string | undefined;
  /** The server's departures (its answer). */
  problems: string[];
  /** Our request's departures from the spec. */
  requestProblems: string[];
}

export interface ProbeRow {
  /** What the probe does, e.g. "read-only key". */
  label: string;
  operationId: string;
  expected: number;
  /** Statuses of the probe's exchanges, in order. */
  statuses: number[];
  /** The server's departures, and a status other than the expected one. */
  problems: string[];
  /** Departures of the requests we sent (a failure of ours, not the server's). */
  ours: string[];
  /** Why this probe sends a request the spec refuses on purpose (its request departures are expected). */
  badInput?: string;
  /** Worth knowing, not a departure: a request sent as bad input that the spec accepts. */
  notes: string[];
}

export interface ProbeOptions {
  /** The probe sends a request the spec refuses, on purpose: why. */
  badInput?: string;
  /** Adds problems the spec cannot express. */
  check?: (exchanges: Exchange[]) => string[];
}

/**
 * The operation an answer is checked against: the one for its method and path; for a method the
 * path does not have (405, or 401 before routing), the path's operation that documents that
 * status, `preferred` first.
 */
function operationFor(
  found: PathMatch | undefined,
  method: string,
  status: number,
  preferred?: string,
): OperationRef | undefined {
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
  readonly #doc: OpenAPIObject;
  readonly #matchPath: (pathname: string) => PathMatch | undefined;
  #current: Exchange[] | undefined;
  #currentOperationId: string | undefined;

  constructor(doc: OpenAPIObject) {
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
    const sent = {
      method,
      url,
      headers: new Headers(input.headers),
      text: input.body ? await input.clone().text() : "",
    };
    let response: Response;
    try {
      response = await globalThis.fetch(input, init);
    } catch (error) {
      throw new UnreachableError(`cannot reach ${url.origin}: ${networkCause(error)}`);
    }
    const text = method === "HEAD" ? "" : await response.clone().text();
    await this.#record(sent, { status: response.status, headers: response.headers, text });
    return response;
  };

  /** A request fetch cannot send (a GET with a body, an `Expect` header); the answer is recorded. */
  async raw(method: string, url: string, headers: Record<string, string>, body?: string): Promise<RawAnswer> {
    const target = new URL(url);
    const answer = await new Promise<RawAnswer>((done, fail) => {
      const unreachable = (error: unknown) =>
        fail(
          new UnreachableError(
            `cannot reach ${target.origin}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
          ),
        );
      const req = httpRequest(
        target,
        {
          method,
          headers: body === undefined ? headers : { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => {
            const h = new Headers();
            for (const [k, v] of Object.entries(res.headers))
              if (v !== undefined) h.set(k, Array.isArray(v) ? v.join(", ") : v);
            done({ status: res.statusCode ?? 0, headers: h, text: Buffer.concat(chunks).toString("utf8") });
          });
          res.on("error", fail);
        },
      );
      req.on("error", unreachable);
      req.end(body);
    });
    await this.#record({ method, url: target, headers: new Headers(headers), text: body ?? "" }, answer);
    return answer;
  }

  /** Every credential the recorded requests carried (for redacting what is printed). */
  readonly secrets = new Set<string>();

  /** `text` with every credential any recorded request carried replaced by ***. */
  redact(text: string, extra: readonly (string | undefined)[] = []): string {
    return redactText(text, [...this.secrets, ...extra.filter((s): s is string => !!s)]);
  }

  async #record(sent: { method: string; url: URL; headers: Headers; text: string }, answer: RawAnswer): Promise<void> {
    const { method, url } = sent;
    const path = url.pathname;
    for (const secret of requestSecrets(sent, this.#doc)) this.secrets.add(secret);
    const found = this.#matchPath(path);
    const op = operationFor(found, method, answer.status, this.#currentOperationId);
    const problems = op
      ? checkResponse(this.#doc, op.operation, answer, method.toLowerCase()).map(formatDeparture)
      : [`${method} ${path} is not a documented path`];
    // Our request, against the operation its method and path address (none: the path or method is not in the spec).
    const own = found?.operations.find((o) => o.method === method.toLowerCase());
    const requestProblems = own
      ? (await checkRequest(this.#doc, own.operation, own.parameters, found!.pathParams, sent)).map(formatDeparture)
      : [
          `request ${method} ${path}: ${found ? `${method} is not documented for ${found.path}` : "the path is not in the spec"}`,
        ];
    this.#current?.push({ method, path, ...answer, operationId: op?.operation.operationId, problems, requestProblems });
  }

  /**
   * Runs one probe: `run` makes the calls; every answer must match the spec, the last one's
   * status must be `expected`, and every request must be one the spec accepts unless the probe
   * sends bad input on purpose (`options.badInput`). A server that cannot be reached stops the
   * run (UnreachableError) instead of failing probe after probe.
   */
  async probe(
    operationId: string,
    label: string,
    expected: number,
    run: () => Promise<unknown>,
    options: ProbeOptions = {},
  ): Promise<Exchange[]> {
    const exchanges: Exchange[] = [];
    this.#current = exchanges;
    this.#currentOperationId = operationId;
    const problems: string[] = [];
    try {
      await run();
    } catch (error) {
      if (error instanceof UnreachableError) throw error;
      problems.push(`threw ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
    } finally {
      this.#current = undefined;
      this.#currentOperationId = undefined;
    }
    for (const e of exchanges) problems.push(...e.problems.map((p) => `${e.method} ${e.path} ${e.status}: ${p}`));
    const last = exchanges.at(-1);
    if (!last) problems.push("no request was made");
    // Only error bodies are quoted: a success body may hold secrets (Livebridge's control data).
    else if (last.status !== expected)
      problems.push(
        `expected ${expected}, got ${last.status}${last.status >= 400 ? `: ${last.text.slice(0, 120)}` : ""}`,
      );
    if (last && last.operationId !== operationId && !exchanges.some((e) => e.operationId === operationId)) {
      problems.push(`answers were checked against ${last.operationId ?? "no operation"}, not ${operationId}`);
    }
    if (options.check) problems.push(...options.check(exchanges));
    const ours = options.badInput
      ? []
      : exchanges.flatMap((e) => e.requestProblems.map((p) => `${e.method} ${e.path}: ${p}`));
    // The server refuses a request the spec accepts: the request schema is laxer than the server.
    const notes =
      options.badInput && last && !exchanges.some((e) => e.requestProblems.length > 0)
        ? [`the spec accepts this request, which the server refuses with ${last.status}`]
        : [];
    this.rows.push({
      label,
      operationId,
      expected,
      statuses: exchanges.map((e) => e.status),
      problems,
      ours,
      notes,
      ...(options.badInput ? { badInput: options.badInput } : {}),
    });
    return exchanges;
  }

  /** Rows with problems, the server's or ours. */
  get failures(): ProbeRow[] {
    return this.rows.filter((r) => r.problems.length > 0 || r.ours.length > 0);
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
      const verdict =
        [r.problems.length ? "DEPARTS" : "", r.ours.length ? "OUR REQUEST DEPARTS" : ""].filter(Boolean).join(", ") ||
        "ok";
      lines.push(
        `  ${r.label.padEnd(width)}  expected ${String(r.expected).padEnd(3)}  got ${(r.statuses.join(",") || "-").padEnd(9)}  ${verdict}${r.badInput ? ` (bad input on purpose: ${r.badInput})` : ""}`,
      );
      for (const p of r.problems) lines.push(`      server: ${p}`);
      for (const p of r.ours) lines.push(`      ours: ${p}`);
      for (const p of r.notes) lines.push(`      note: ${p}`);
    }
  }
  return lines.join("\n");
}
