// Conformance: every operation of every bundled spec, called through its generated client
// against the Prism mock (started by test/support/global-setup.ts), with every response checked against
// the spec. Operations are enumerated from the specs, so a new operation is covered (or fails,
// if it cannot be exercised from its examples) without editing this file. No call passes a parse
// option: each result's `data` (or `error`) must be the run-time type its status declares.
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import { loadSpec } from "../support/spec.js";
import { CASES, type AnyClient } from "./apis.js";
import { captureResponses, expectUnauthorizedProbe } from "./capture.js";
import { buildRequest } from "../../scripts/openapi/request-builder.js";
import { checkResponse } from "./response-check.js";
import { checkResultType } from "./data-check.js";

const apis = loadApis();

it("every API in the registry has a conformance case", () => {
  expect(apis.map((a) => a.name).filter((n) => !CASES[n])).toEqual([]);
});

for (const api of apis) {
  const spec = await loadSpec(api.name);
  const operations = listOperations(spec);
  const apiCase = CASES[api.name];
  if (!apiCase) continue;

  describe(api.name, () => {
    const baseUrl = () => inject("mockUrls")[api.name]!;
    let clientPromise: Promise<{ client: AnyClient; last: ReturnType<typeof captureResponses> }> | undefined;
    const ready = () =>
      (clientPromise ??= apiCase.client(baseUrl()).then((client) => ({ client, last: captureResponses(client) })));

    for (const op of operations) {
      const label = `${op.method.toUpperCase()} ${op.path} (${op.operation.operationId})`;
      const request = buildRequest(spec, op);
      const call = async (client: AnyClient, extraHeaders: Record<string, string> = {}) =>
        client[op.method.toUpperCase()](op.path, {
          params: request.params,
          ...(request.body !== undefined ? { body: request.body } : {}),
          headers: extraHeaders,
        });

      it(`${label}: answers a documented success that matches the spec`, async () => {
        const { client, last } = await ready();
        const result = await call(client);
        const res = last();
        expect(res.status, res.text).toBeGreaterThanOrEqual(200);
        expect(res.status, res.text).toBeLessThan(300);
        expect(checkResponse(spec, op.operation, res, op.method)).toEqual([]);
        expect(checkResultType(spec, op.operation, op.method, result)).toEqual([]);
      });

      // Every documented non-2xx status; a range such as 5XX is asked for as its first code (500).
      const errorStatuses = Object.keys(op.operation.responses ?? {})
        .filter((s) => /^[1345](\d\d|XX)$/.test(s))
        .map((s) => s.replace("XX", "00"));
      for (const status of errorStatuses) {
        it(`${label}: documented ${status} (Prefer: code=${status}) matches the spec`, async () => {
          const { client, last } = await ready();
          const result = await call(client, { Prefer: `code=${status}` });
          const res = last();
          expect(res.status, res.text).toBe(Number(status));
          expect(checkResponse(spec, op.operation, res, op.method)).toEqual([]);
          expect(checkResultType(spec, op.operation, op.method, result)).toEqual([]);
        });
      }
    }

    const probe = apiCase.authProbe;
    if (!probe) {
      it("takes no credentials: the spec declares none, and an anonymous client gets a documented success", async () => {
        expect(spec.security ?? [], "top-level security").toEqual([]);
        expect(
          operations.filter((o) => (o.operation.security ?? []).length > 0).map((o) => o.operation.operationId),
        ).toEqual([]);
        expect(Object.keys(spec.components?.securitySchemes ?? {})).toEqual([]);
        const op = operations[0]!;
        const client = apiCase.anonymous(baseUrl());
        const last = captureResponses(client);
        const request = buildRequest(spec, op);
        await client[op.method.toUpperCase()](op.path, { params: request.params });
        const res = last();
        expect(res.status, res.text).toBe(200);
        expect(checkResponse(spec, op.operation, res, op.method)).toEqual([]);
      });
    } else
      it("missing credentials → 401 with the API's own body", async () => {
        const res = await expectUnauthorizedProbe(apiCase, baseUrl());
        const op = operations.find((o) => o.path === probe.path && o.method === probe.method)!;
        expect(
          checkResponse(spec, op.operation, { ...res, headers: withoutViolations(res.headers) }, op.method),
        ).toEqual([]);
      });

    for (const headers of apiCase.malformed) {
      it(`malformed credentials (${JSON.stringify(headers)}) → 401`, async () => {
        const client = apiCase.anonymous(baseUrl());
        const last = captureResponses(client);
        await client[probe!.method.toUpperCase()](probe!.path, { params: probe!.params ?? {}, headers });
        expect(last().status).toBe(401);
      });
    }

    for (const invalid of apiCase.invalid) {
      it(`rejects an invalid request: ${invalid.why}`, async () => {
        const op = operations.find((o) => o.path === invalid.path && o.method === invalid.method);
        if (!op) throw new Error(`${invalid.method.toUpperCase()} ${invalid.path} is not in the spec`);
        const request = buildRequest(spec, op);
        const body =
          invalid.body !== undefined && isObject(request.body) && isObject(invalid.body)
            ? { ...request.body, ...invalid.body }
            : (invalid.body ?? request.body);
        const { client, last } = await ready();
        await client[invalid.method.toUpperCase()](invalid.path, {
          params: {
            ...request.params,
            query: { ...request.params.query, ...invalid.query },
            header: { ...request.params.header, ...invalid.header },
          },
          ...(body !== undefined ? { body } : {}),
        });
        const res = last();
        // The operation's own 422 if declared, else its 400; an operation that documents neither
        // gets its documented success (as a lenient server would), never a status it does not document.
        const expected = op.operation.responses?.["422"] ? 422 : op.operation.responses?.["400"] ? 400 : undefined;
        if (expected) expect(res.status, res.text).toBe(expected);
        else expect(res.status >= 200 && res.status < 300, res.text).toBe(true);
        // The request's problems are listed in sl-violations.
        expect(res.headers.get("sl-violations") ?? "").toMatch(/"location":\["request"/);
        expect(
          checkResponse(spec, op.operation, { ...res, headers: withoutViolations(res.headers) }, op.method),
        ).toEqual([]);
      });
    }

    it("an unknown path → 404", async () => {
      const res = await fetch(new URL("/no/such/path-for-conformance", baseUrl()));
      expect(res.status).toBe(404);
    });
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The request violations Prism lists are expected in these cases; the response must still conform. */
function withoutViolations(headers: Headers): Headers {
  const copy = new Headers(headers);
  copy.delete("sl-violations");
  return copy;
}
