// Every answer conforms, also to requests the operation cannot take: for every operation of every
// API, a malformed JSON body, a body that is not UTF-8, a body of the wrong media type, a missing
// required body and an unknown query parameter each get a status the operation documents, with a
// body that validates against that status's schema. Bad bodies get the operation's own client
// error (400, else 422) where it documents one; the problem is named in sl-violations.
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { deref, listOperations } from "../../scripts/openapi/openapi.js";
import { buildRequest } from "../../scripts/openapi/request-builder.js";
import { loadSpec } from "../support/spec.js";
import { CASES, type AnyClient } from "./apis.js";
import { captureResponses } from "./capture.js";
import { checkResponse, type ReceivedResponse } from "./response-check.js";

const apis = loadApis();
const INVALID_UTF8 = Uint8Array.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]); // {"n":"<bad bytes>"}

function withoutViolations(res: ReceivedResponse): ReceivedResponse {
  const headers = new Headers(res.headers);
  headers.delete("sl-violations");
  return { ...res, headers };
}

for (const api of apis) {
  const spec = await loadSpec(api.name);
  const apiCase = CASES[api.name]!;

  describe(api.name, () => {
    let clientPromise: Promise<{ client: AnyClient; last: ReturnType<typeof captureResponses> }> | undefined;
    const ready = () =>
      (clientPromise ??= apiCase
        .client(inject("mockUrls")[api.name]!)
        .then((client) => ({ client, last: captureResponses(client) })));

    for (const op of listOperations(spec)) {
      const label = `${op.method.toUpperCase()} ${op.path}`;
      const request = buildRequest(spec, op);
      const responses = op.operation.responses ?? {};
      const clientError = responses["400"] ? 400 : responses["422"] ? 422 : undefined;
      const requestBody = deref(spec, op.operation.requestBody);
      const mediaType = Object.keys(requestBody?.content ?? {})[0];

      /** Sends the operation's example request with `change` applied; returns the raw answer. */
      const send = async (change: {
        body?: string | Uint8Array | null;
        contentType?: string;
        query?: Record<string, unknown>;
      }) => {
        const { client, last } = await ready();
        const init: Record<string, unknown> = {
          params: { ...request.params, query: { ...request.params.query, ...change.query } },
        };
        if (change.body === undefined && request.body !== undefined) init.body = request.body;
        if (typeof change.body === "string" || change.body instanceof Uint8Array) {
          const raw = change.body;
          init.body = {};
          init.bodySerializer = () => raw;
          init.headers = { "Content-Type": change.contentType ?? mediaType };
        }
        await client[op.method.toUpperCase()](op.path, init);
        return last();
      };

      const expectConforms = (res: ReceivedResponse) => {
        expect(
          checkResponse(spec, op.operation, withoutViolations(res), op.method),
          `${res.status} ${res.text.slice(0, 200)}`,
        ).toEqual([]);
      };
      /** A request the operation cannot take: its client error if documented, else its success. */
      const expectRefused = (res: ReceivedResponse) => {
        if (clientError) expect(res.status, res.text).toBe(clientError);
        else expect(res.status >= 200 && res.status < 300, `${res.status} ${res.text}`).toBe(true);
        expect(res.headers.get("sl-violations") ?? "", "the problem is named in sl-violations").toMatch(
          /"location":\["request"/,
        );
        expectConforms(res);
      };

      it(`${label}: an unknown query parameter is ignored, the answer conforms`, async () => {
        const res = await send({ query: { zz_not_a_parameter: "1" } });
        expect(res.status >= 200 && res.status < 300, `${res.status} ${res.text}`).toBe(true);
        expectConforms(res);
      });

      if (!requestBody || !mediaType) continue;

      if (/json/.test(mediaType)) {
        it(`${label}: malformed JSON → documented error`, async () => {
          expectRefused(await send({ body: '{"name": "truncated' }));
        });
      }
      it(`${label}: a body that is not UTF-8 → documented error`, async () => {
        expectRefused(await send({ body: INVALID_UTF8 }));
      });
      it(`${label}: a body of the wrong media type → documented error`, async () => {
        expectRefused(await send({ body: "<xml>not what the operation takes</xml>", contentType: "application/xml" }));
      });
      if (requestBody.required) {
        it(`${label}: a missing required body → documented error`, async () => {
          expectRefused(await send({ body: null }));
        });
      }
    }
  });
}

it("Healthchecks answers malformed JSON in its own words", async () => {
  const url = inject("mockUrls").healthchecks!;
  const res = await fetch(`${url}/api/v1/checks/`, {
    method: "POST",
    headers: { "X-Api-Key": "a".repeat(32), "Content-Type": "application/json" },
    body: "{bad",
  });
  expect(res.status).toBe(400);
  expect(await res.json()).toEqual({ error: "could not parse request body" });
});
