// Records the raw response of each call made through a generated client (an openapi-fetch
// middleware), so checks see exactly what went over the wire.
import { expect } from "vitest";
import type { ReceivedResponse } from "./response-check.js";
import type { AnyClient, ApiCase } from "./apis.js";

export function captureResponses(client: AnyClient): () => ReceivedResponse {
  let last: ReceivedResponse | undefined;
  client.use({
    async onResponse({ response }: { response: Response }) {
      last = { status: response.status, headers: response.headers, text: await response.clone().text() };
      return undefined;
    },
  });
  return () => {
    if (!last) throw new Error("no response was captured");
    const result = last;
    last = undefined;
    return result;
  };
}

/** Sends the API's auth probe without credentials, expects 401 with the API's own body, and
 * returns the raw answer (the Prism mocks and the MSW handlers both answer it). */
export async function expectUnauthorizedProbe(apiCase: ApiCase, baseUrl: string): Promise<ReceivedResponse> {
  const client = apiCase.anonymous(baseUrl);
  const last = captureResponses(client);
  const probe = apiCase.authProbe;
  if (!probe) throw new Error("expectUnauthorizedProbe: this API takes no credentials");
  await client[probe.method.toUpperCase()](probe.path, { params: probe.params ?? {} });
  const res = last();
  expect(res.status).toBe(401);
  if (apiCase.unauthorizedBody !== undefined) expect(JSON.parse(res.text)).toEqual(apiCase.unauthorizedBody);
  return res;
}
