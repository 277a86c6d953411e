// The request side of the live suite: sends corpora built from the request schemas
// (scripts/conformance/request-corpus.ts) plus the cases the specs' prose names to the real
// servers, and records per case the spec's verdict (the project's request checker) and the
// server's. Shared by request-truth.live.ts and fuzz.live.ts.
import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { checkRequest, checkResponse, type Departure } from "../../scripts/conformance/http-check.js";
import type { CorpusCase } from "../../scripts/conformance/request-corpus.js";
import type { OpenApiDocument } from "../../scripts/openapi/openapi-document.js";
import type { SpecJson } from "../support/spec.js";

export const loadSpec = (api: string): SpecJson =>
  JSON.parse(readFileSync(new URL(`../../generated/${api}/openapi.dereferenced.json`, import.meta.url), "utf8"));

export type Verdict = "accept" | "refuse";

export interface Outcome {
  server: string;
  operationId: string;
  label: string;
  property?: string;
  since?: string;
  spec: Verdict;
  specWhy: string[];
  /** The server's verdict; `refuse` also for a 5xx (see `status`). */
  verdict: Verdict;
  status: number;
  /** What the server answered, shortened (or what broke afterwards, for Livebridge). */
  detail: string;
  /** Departures of the answer from the spec (undocumented status, body…). */
  answer: Departure[];
}

export interface Exchange {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** The spec's verdict on a request: its departures from the operation ([] when it accepts it). */
export async function specVerdict(
  doc: OpenApiDocument,
  operation: Record<string, any>,
  pathItem: Record<string, any>,
  pathParams: Record<string, string>,
  base: string,
  ex: Exchange,
): Promise<string[]> {
  const parameters = [...(pathItem.parameters ?? []), ...(operation.parameters ?? [])];
  const departures = await checkRequest(doc, operation, parameters, pathParams, {
    method: ex.method,
    url: new URL(ex.path, base),
    headers: new Headers(ex.headers),
    text: ex.body ?? "",
  });
  return departures.map((d) => `${d.at}: ${d.cause}`);
}

export async function send(base: string, ex: Exchange): Promise<{ status: number; headers: Headers; text: string }> {
  const res = await fetch(new URL(ex.path, base), {
    method: ex.method,
    headers: ex.headers,
    ...(ex.body !== undefined ? { body: ex.body } : {}),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

export const answerDepartures = (
  doc: OpenApiDocument,
  operation: Record<string, any>,
  method: string,
  res: { status: number; headers: Headers; text: string },
) => checkResponse(doc, operation, res, method);

export const bodyText = (c: CorpusCase): string => c.raw ?? JSON.stringify(c.body);

/** Compares version strings such as `1.15.0`, `2.3`, `after 1.23.1` (after X sorts just above X). */
export function newerThan(since: string | undefined, version: string): boolean {
  if (!since) return false;
  const after = since.startsWith("after ");
  const parts = (s: string) =>
    s
      .replace(/^after /, "")
      .split(".")
      .map(Number);
  const [a, b] = [parts(since), parts(version)];
  for (let i = 0; i < 3; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d > 0;
  }
  return after;
}

/** The table spec verdict × server verdict. */
export function agreementTable(server: string, outcomes: Outcome[]): string {
  const count = (s: Verdict, v: Verdict) => outcomes.filter((o) => o.spec === s && o.verdict === v).length;
  const errors = outcomes.filter((o) => o.status >= 500).length;
  return [
    `${server}: ${outcomes.length} requests (${errors} answered 5xx, counted as refused)`,
    `  spec \\ server   accepts  refuses`,
    `  accepts        ${String(count("accept", "accept")).padStart(7)}  ${String(count("accept", "refuse")).padStart(7)}`,
    `  refuses        ${String(count("refuse", "accept")).padStart(7)}  ${String(count("refuse", "refuse")).padStart(7)}`,
  ].join("\n");
}

export async function writeReport(file: string | undefined, outcomes: Outcome[]): Promise<void> {
  if (file) await writeFile(file, `${JSON.stringify(outcomes, null, 1)}\n`);
}
