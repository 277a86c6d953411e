// The CORS step: the mock answers CORS as the Prism CLI does by default (prism-http-server's
// setCommonCORSHeaders): the headers on every answer, and a preflight answered at once.
import type { MockReply, MockRequest } from "./mock-types.js";

/** Sets the CORS headers; answers a preflight and returns true when the request is one. */
export function answerCors(req: MockRequest, res: MockReply): boolean {
  const { headers } = req;
  res.setHeader("Access-Control-Allow-Origin", headers.origin || "*");
  res.setHeader("Access-Control-Allow-Headers", headers["access-control-request-headers"] || "*");
  res.setHeader("Access-Control-Allow-Credentials", "true");
  res.setHeader("Access-Control-Expose-Headers", headers["access-control-expose-headers"] || "*");
  if (req.method !== "OPTIONS" || !headers.origin || !headers["access-control-request-method"]) return false;
  res.setHeader("Access-Control-Allow-Methods", headers["access-control-request-method"]);
  res.setHeader("Vary", "origin");
  res.setHeader("Content-Length", "0");
  res.statusCode = 204;
  res.end();
  return true;
}
