// MSW handlers (scripts/serve/msw.ts) answer the generated clients in-process, at the clients'
// default base URLs, as the Prism mock does over a port: every operation's success matches the
// spec, missing credentials get the API's own 401, a bad body gets the documented error, and
// `Prefer: example=` picks a named example. Unhandled requests fail the test (no network).
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadApis } from "../scripts/registry/apis.js";
import { mswHandlers } from "../scripts/serve/msw.js";
import { defaultServerUrl, listOperations } from "../scripts/openapi/openapi.js";
import { buildRequest } from "../scripts/openapi/request-builder.js";
import { CASES } from "./conformance/apis.js";
import { captureResponses, expectUnauthorizedProbe } from "./conformance/capture.js";
import { checkResponse } from "./conformance/response-check.js";
import { loadSpec } from "./support/spec.js";

const apis = loadApis();
const server = setupServer(...(await Promise.all(apis.map((a) => mswHandlers(a)))).flat());
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

for (const api of apis) {
  const spec = await loadSpec(api.name);
  const apiCase = CASES[api.name]!;
  const baseUrl = defaultServerUrl(spec);

  describe(`${api.name} (MSW at ${baseUrl})`, () => {
    // First: MSW keeps cookies from mocked answers as a browser would, and Livebridge's login
    // sets its lb-db session cookie, which then authenticates later requests.
    it("missing credentials → 401 with the API's own body", async () => {
      await expectUnauthorizedProbe(apiCase, baseUrl);
    });

    it("answers every operation with a documented success that matches the spec", async () => {
      const client = await apiCase.client(baseUrl);
      const last = captureResponses(client);
      for (const op of listOperations(spec)) {
        const request = buildRequest(spec, op);
        await client[op.method.toUpperCase()](op.path, { params: request.params, ...(request.body !== undefined ? { body: request.body } : {}), parseAs: "text" });
        const res = last();
        expect(res.status, `${op.method} ${op.path}: ${res.text}`).toBeGreaterThanOrEqual(200);
        expect(res.status).toBeLessThan(300);
        expect(checkResponse(spec, op.operation, res, op.method), `${op.method} ${op.path}`).toEqual([]);
      }
    });
  });
}

describe("healthchecks through MSW", () => {
  it("answers malformed JSON in the API's own words, and Prefer picks the example", async () => {
    const bad = await fetch("https://healthchecks.io/api/v1/checks/", {
      method: "POST",
      headers: { "X-Api-Key": "a".repeat(32), "Content-Type": "application/json" },
      body: "{bad",
    });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: "could not parse request body" });
    const empty = await fetch("https://healthchecks.io/api/v1/checks/", { headers: { "X-Api-Key": "a".repeat(32), Prefer: "example=NoChecks" } });
    expect(await empty.json()).toEqual({ checks: [] });
    const tooSmall = await fetch("https://healthchecks.io/api/v1/checks/", {
      method: "POST",
      headers: { "X-Api-Key": "a".repeat(32), "Content-Type": "application/json" },
      body: JSON.stringify({ name: "x", timeout: 59 }),
    });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.headers.get("sl-violations")).toMatch(/timeout/);
  });
});
