// Mock control that fails loudly. `Prefer: example=<name>` and `Prefer: code=<status>` (or the
// `__example` / `__code` query parameters) steer the mock; a name or status the operation does not
// have is the tester's mistake, not a request the API would see, so the mock answers it the way
// the Prism CLI does (an `application/problem+json` NOT_FOUND, 404; an unreadable Prefer,
// UNPROCESSABLE_ENTITY, 422) and names what exists: the operation's statuses and, per status, its
// example names. The answer carries `x-mock-error` (and the problem in `sl-violations`), so that
// it cannot be taken for the API's own answer, whose bodies are never problem+json here.
import type { MockPreferences, Operation } from "./mock-types.js";

/** The header that marks an answer as the mock's own refusal of its control, never the API's. */
export const MOCK_ERROR_HEADER = "x-mock-error";

/** Prism's problem types (prism-http's errors.ts). */
const PRISM_ERRORS = "https://stoplight.io/prism/errors#";

export interface MockControlError {
  status: number;
  /** The x-mock-error value: what was wrong. */
  kind: "undeclared-status" | "unknown-example" | "unreadable-prefer";
  problem: {
    type: string;
    title: string;
    status: number;
    detail: string;
    /** Method and path of the operation asked. */
    operation: string;
    /** Its declared statuses, as the spec writes them (200, 4XX, default). */
    statuses: string[];
    /** Its example names per status: what `Prefer: example=` takes (with `code=` for other than the first success). */
    examples: Record<string, string[]>;
  };
}

/** The example names of each response of `operation`, in spec order (statuses without examples too). */
export function examplesByStatus(operation: Operation): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const response of operation.responses) {
    const names = new Set<string>();
    for (const content of response.contents ?? []) for (const example of content.examples ?? []) names.add(example.key);
    out[response.code] = [...names];
  }
  return out;
}

/** The response entry Prism uses for `status`: the exact code, its range (4XX), else `default`. */
function responseFor(operation: Operation, status: number) {
  const code = String(status);
  return (
    operation.responses.find((r) => r.code === code) ??
    operation.responses.find((r) => r.code.toUpperCase() === `${code[0]}XX`) ??
    operation.responses.find((r) => r.code === "default")
  );
}

/** The response Prism answers when no code is asked: the lowest 2XX, else default, else the first. */
function defaultResponse(operation: Operation) {
  const successes = operation.responses
    .filter((r) => /^2(\d\d|XX)$/i.test(r.code))
    .sort((a, b) => a.code.localeCompare(b.code));
  return successes[0] ?? operation.responses.find((r) => r.code === "default") ?? operation.responses[0];
}

const describe = (operation: Operation) =>
  `${operation.method.toUpperCase()} ${operation.path}${typeof operation.iid === "string" ? ` (${operation.iid})` : ""}`;

function listing(examples: Record<string, string[]>): string {
  return Object.entries(examples)
    .map(([status, names]) => `${status}: ${names.length ? names.join(", ") : "(no named example)"}`)
    .join("; ");
}

function notFound(operation: Operation, kind: MockControlError["kind"], detail: string): MockControlError {
  const examples = examplesByStatus(operation);
  return {
    status: 404,
    kind,
    problem: {
      type: `${PRISM_ERRORS}NOT_FOUND`,
      title: "The server cannot find the requested content",
      status: 404,
      detail: `${detail} Examples by status: ${listing(examples)}.`,
      operation: `${operation.method.toUpperCase()} ${operation.path}`,
      statuses: operation.responses.map((r) => r.code),
      examples,
    },
  };
}

/**
 * The mistake in the request's mock preferences, if any: a status `operation` does not declare
 * (not even by a range or `default`), or an example name that is not one of the chosen
 * response's (the asked `code`'s, else the one Prism answers by default).
 */
export function preferenceError(operation: Operation, preferences: MockPreferences): MockControlError | undefined {
  const { code, exampleKey } = preferences;
  if (code === undefined && exampleKey === undefined) return undefined; // nothing asked: nothing to refuse
  const statuses = operation.responses.map((r) => r.code);
  const response = code === undefined ? defaultResponse(operation) : responseFor(operation, code);
  if (code !== undefined && !response) {
    return notFound(
      operation,
      "undeclared-status",
      `Prefer: code=${code}: ${describe(operation)} declares no ${code} response; it declares ${statuses.join(", ")}.`,
    );
  }
  if (exampleKey === undefined || !response) return undefined;
  const names = examplesByStatus(operation)[response.code] ?? [];
  if (names.includes(exampleKey)) return undefined;
  const elsewhere = Object.entries(examplesByStatus(operation)).find(([, n]) => n.includes(exampleKey))?.[0];
  const asked =
    code === undefined
      ? `its ${response.code} response (the one answered without code=)`
      : `its ${response.code} response`;
  const hint = elsewhere
    ? ` "${exampleKey}" is an example of ${elsewhere}: ask for it with Prefer: code=${elsewhere.replace(/XX$/i, "00")}, example=${exampleKey}.`
    : "";
  return notFound(
    operation,
    "unknown-example",
    `Prefer: example=${exampleKey}: ${describe(operation)} has no example "${exampleKey}" in ${asked}.${hint}`,
  );
}

/** The media type whose content holds the asked example, for a request that accepts any: Prism
 * looks for the example only in the content it negotiated (the first one without an Accept), so
 * an example of a second media type (an HTML error page next to the JSON one) needs it asked. */
export function exampleMediaType(operation: Operation, preferences: MockPreferences): string | undefined {
  if (preferences.exampleKey === undefined) return undefined;
  const response =
    preferences.code === undefined ? defaultResponse(operation) : responseFor(operation, preferences.code);
  return response?.contents?.find((c) => c.examples?.some((e) => e.key === preferences.exampleKey))?.mediaType;
}

/** An unreadable Prefer (`code=abc`): Prism's UNPROCESSABLE_ENTITY, with what Prefer takes. */
export function unreadablePreference(operation: Operation, why: string): MockControlError {
  const examples = examplesByStatus(operation);
  return {
    status: 422,
    kind: "unreadable-prefer",
    problem: {
      type: `${PRISM_ERRORS}UNPROCESSABLE_ENTITY`,
      title: "Invalid request",
      status: 422,
      detail: `The mock cannot read the Prefer header (${why.replace(/\s+/g, " ").trim()}). It takes code=<a 3-digit status>, example=<name>, dynamic=true|false, e.g. Prefer: code=${operation.responses[0]?.code.replace(/XX$/i, "00") ?? 200}. Examples by status: ${listing(examples)}.`,
      operation: `${operation.method.toUpperCase()} ${operation.path}`,
      statuses: operation.responses.map((r) => r.code),
      examples,
    },
  };
}
