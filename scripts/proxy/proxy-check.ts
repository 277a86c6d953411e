// The validating proxy's routing and validation steps, set up once per document: which operation
// an exchange addresses (operation-match.ts), then the request and the response checked against
// it (http-check.ts: Ajv, JSON Schema 2020-12). A body too large to copy is left unchecked, and
// says so; a body that does not decode is a departure.
import type { OpenAPIObject } from "openapi3-ts/oas31";
import { checkRequest, checkResponse, type Departure } from "../conformance/http-check.js";
import { operationMatcher, type OperationMatch } from "../conformance/operation-match.js";
import { seenText, toHeaders, type SeenMessage } from "./proxy-body.js";

/** The request as the proxy received it. */
export interface SeenRequest extends SeenMessage {
  method: string;
  /** The request target: path and query. */
  target: string;
}

/** The upstream's complete answer. */
export interface SeenResponse extends SeenMessage {
  status: number;
}

export interface CheckedExchange {
  /** The operation checked against (`getX as HEAD` for a HEAD checked as its GET); null: none matched. */
  operation: string | null;
  departures: Departure[];
  /** Parts left unchecked, and why. */
  unchecked: string[];
}

/** Checks one exchange; without a response (the upstream failed), the request only. */
export type ExchangeChecker = (request: SeenRequest, response: SeenResponse | undefined) => Promise<CheckedExchange>;

type Routed = { found: OperationMatch; operation: string } | { departure: Departure };

/** Routing: the operation a method and path address, or the request's departure (unknown path or method). */
function route(match: ReturnType<typeof operationMatcher>, method: string, pathname: string): Routed {
  const found = match(method, pathname);
  if ("problem" in found) return { departure: { side: "request", at: "path", cause: found.problem } };
  const { op, headAsGet } = found.match;
  return {
    found: found.match,
    operation: `${op.operation.operationId ?? `${op.method} ${op.path}`}${headAsGet ? " as HEAD" : ""}`,
  };
}

/** Validation of the request: credentials, parameters and body. */
async function checkRequestSide(
  doc: OpenAPIObject,
  { op, pathParams }: OperationMatch,
  request: SeenRequest,
  url: URL,
  into: CheckedExchange,
): Promise<void> {
  const headers = toHeaders(request.rawHeaders);
  const body = seenText(request, headers, "request");
  if ("unchecked" in body) into.unchecked.push(body.unchecked);
  else if ("problem" in body) into.departures.push({ side: "request", at: "body", cause: body.problem });
  else
    into.departures.push(
      ...(await checkRequest(doc, op.operation, op.parameters, pathParams, {
        method: request.method,
        url,
        headers,
        text: body.text,
      })),
    );
}

/** Validation of the response: status, headers, media type and body (none for HEAD). */
function checkResponseSide(
  doc: OpenAPIObject,
  { op }: OperationMatch,
  method: string,
  response: SeenResponse,
  into: CheckedExchange,
): void {
  const headers = toHeaders(response.rawHeaders);
  const body = seenText(response, headers, "response");
  if ("unchecked" in body) into.unchecked.push(body.unchecked);
  else if ("problem" in body) into.departures.push({ side: "response", at: "body", cause: body.problem });
  else
    into.departures.push(
      ...checkResponse(
        doc,
        op.operation,
        { status: response.status, headers, text: body.text },
        method === "HEAD" ? "head" : method,
      ),
    );
}

/** The checker of exchanges against `doc`; the routing table is built once, here. */
export function exchangeChecker(doc: OpenAPIObject): ExchangeChecker {
  const match = operationMatcher(doc);
  return async (request, response) => {
    const url = new URL(request.target, "http://proxy.invalid");
    const routed = route(match, request.method, url.pathname);
    if ("departure" in routed) return { operation: null, departures: [routed.departure], unchecked: [] };
    const checked: CheckedExchange = { operation: routed.operation, departures: [], unchecked: [] };
    await checkRequestSide(doc, routed.found, request, url, checked);
    if (response) checkResponseSide(doc, routed.found, request.method, response, checked);
    return checked;
  };
}
