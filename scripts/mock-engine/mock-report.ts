// The report step: writes the answer onto the reply. An answer to an operation carries its
// problems in `sl-violations` (as Prism's server does); Prism's own refusals are problem+json; a
// mock-control mistake is the mock's own problem, marked with `x-mock-error`. `send` returns the
// answer as written (status, headers, serialised body), which the answer cache replays.
import { ProblemJsonError } from "@stoplight/prism-http";
import { MOCK_ERROR_HEADER, type MockControlError } from "./mock-control.js";
import { prismServerInternals } from "./private-hooks.js";
import type { MockReply, PrismOutput, Violation } from "./mock-types.js";

const { serialize } = prismServerInternals();

/** An answer as written: what the cache keeps and `replay` writes again. */
export interface WrittenAnswer {
  statusCode: number;
  headers: [string, string | string[]][];
  payload: string | undefined;
}

/** A Prism error: its ProblemJsonError (404/405 routing, 406, 415, 422, 500…). */
export interface PrismError {
  status?: number;
  name?: string;
  message?: string;
  detail?: unknown;
  additional?: { headers?: Record<string, string> };
}

export function violationsHeader(violations: Violation[]): string {
  // Header values must be Latin-1 without control characters: escape the rest as JSON does.
  const value = JSON.stringify(violations).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
  // Prism's own cap (prism-http-server): a header longer than ~8 KiB breaks common clients.
  return value.length > 8 * 1024 - 100 ? `Too many violations! ${value.slice(0, 8 * 1024 - 100)}` : value;
}

/** Writes Prism's answer, with the request's problems in sl-violations. */
export function send(res: MockReply, output: PrismOutput, violations: Violation[]): WrittenAnswer {
  const headers: WrittenAnswer["headers"] = [];
  if (violations.length) headers.push(["sl-violations", violationsHeader(violations)]);
  for (const [name, value] of Object.entries(output.headers ?? {})) {
    // Prism names a default media type even for an answer documented without content (a 204):
    // an answer with no body carries no Content-Type.
    if (output.body === undefined && name.toLowerCase() === "content-type") continue;
    headers.push([name, value]);
  }
  for (const [name, value] of headers) res.setHeader(name, value);
  const payload = serialize(output.body, res.getHeader("content-type"));
  res.statusCode = output.statusCode;
  res.end(payload);
  return { statusCode: output.statusCode, headers, payload };
}

/** Writes an answer `send` wrote before (the answer cache's). */
export function replay(res: MockReply, answer: WrittenAnswer): void {
  for (const [name, value] of answer.headers) res.setHeader(name, value);
  res.statusCode = answer.statusCode;
  res.end(answer.payload);
}

/** Writes a refusal of Prism's own (its problem+json). */
export function sendProblem(res: MockReply, error: PrismError): void {
  res.setHeader("content-type", "application/problem+json");
  for (const [name, value] of Object.entries(error.additional?.headers ?? {})) res.setHeader(name, value);
  res.statusCode = error.status || 500;
  res.end(JSON.stringify(ProblemJsonError.toProblemJson(error as ProblemJsonError)));
}

/** Writes the mock's own refusal of a Prefer the operation cannot honour (mock-control.ts). */
export function sendControlError(res: MockReply, error: MockControlError): void {
  const violation: Violation = {
    location: ["request", "header", "prefer"],
    severity: "Error",
    code: error.kind,
    message: error.problem.detail,
  };
  res.setHeader("sl-violations", violationsHeader([violation]));
  res.setHeader(MOCK_ERROR_HEADER, error.kind);
  res.setHeader("content-type", "application/problem+json");
  res.statusCode = error.status;
  res.end(JSON.stringify(error.problem));
}
