// Checks a response against the operation's documented responses (status, headers, media type,
// body schema) with the proxy's checker, plus any violations the Prism mock reports in its
// `sl-violations` header.
import type { OpenApiDocument, OperationObject } from "../../scripts/openapi/openapi-document.js";
import {
  checkResponse as departures,
  formatDeparture,
  type ReceivedResponse,
} from "../../scripts/conformance/http-check.js";

export { declaredResponse, type ReceivedResponse } from "../../scripts/conformance/http-check.js";

/** Problems found, one line each ([] when the response matches the spec). */
export function checkResponse(
  doc: OpenApiDocument,
  operation: OperationObject,
  res: ReceivedResponse,
  method: string,
): string[] {
  const violations = res.headers.get("sl-violations");
  return [
    ...(violations ? [`Prism reports violations: ${violations}`] : []),
    ...departures(doc, operation, res, method).map(formatDeparture),
  ];
}
