// A success the spec documents without content (Lightrun's 204s and body-less 200s, Livebridge's HEAD) is
// answered as documented: no body and, from the Prism mock, no Content-Type; the generated client,
// called as a user calls it (no parse option), gives `data` undefined. Through the MSW handlers
// too. Operations are enumerated from the specs. MSW answers only at the specs' server URLs;
// requests to the mocks' ports pass through.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { mswHandlers } from "../../scripts/serve/msw.js";
import { loadApis } from "../../scripts/registry/apis.js";
import { defaultServerUrl, listOperations, type OperationRef } from "../../scripts/openapi/openapi.js";
import type { OpenApiDocument } from "../../scripts/openapi/openapi-document.js";
import { buildRequest } from "../../scripts/openapi/request-builder.js";
import { loadSpec } from "../support/spec.js";
import { CASES } from "./apis.js";
import { captureResponses } from "./capture.js";

const noContent: { api: string; spec: OpenApiDocument; op: OperationRef; status: number }[] = [];
for (const api of loadApis()) {
  const spec = await loadSpec(api.name);
  for (const op of listOperations(spec)) {
    const successes = Object.entries(op.operation.responses ?? {}).filter(([status]) => /^2\d\d$/.test(status));
    const [first] = successes.sort(([a], [b]) => Number(a) - Number(b));
    if (first && Object.keys((first[1] as { content?: object }).content ?? {}).length === 0)
      noContent.push({ api: api.name, spec, op, status: Number(first[0]) });
  }
}

const apis = [...new Set(noContent.map((o) => o.api))];
const msw = setupServer(...(await Promise.all(apis.map((api) => mswHandlers(api)))).flat());
beforeAll(() => msw.listen({ onUnhandledRequest: "bypass" }));
afterAll(() => msw.close());

it("Lightrun's ten 204s and six body-less 200s are the successes documented without content", () => {
  const lightrun = noContent
    .filter((o) => o.api === "lightrun")
    .map((o) => `${o.status} ${o.op.operation.operationId}`);
  expect(lightrun.sort()).toEqual([
    "200 setAuthConfig",
    "200 setFeatureConfig",
    "200 setProvisioningConfig",
    "200 setSmtpConfiguration",
    "200 stopAllRunbooks",
    "200 updateCompanyLicense",
    "204 deleteAction",
    "204 deleteAgentPool",
    "204 deleteGroup",
    "204 deleteUser",
    "204 detachAgents",
    "204 disableUser",
    "204 enableAgents",
    "204 enableUser",
    "204 removeWatchedPackages",
    "204 revokeTempAccess",
  ]);
});

type Where = "the Prism mock" | "the MSW handlers";

/** Calls the operation through the generated client as a user does (no parse option). */
async function call({ api, spec, op }: (typeof noContent)[number], where: Where) {
  const client = await CASES[api]!.client(
    where === "the Prism mock" ? inject("mockUrls")[api]! : defaultServerUrl(spec),
  );
  const last = captureResponses(client);
  const request = buildRequest(spec, op);
  const result = await client[op.method.toUpperCase()](op.path, {
    params: request.params,
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  return { result, res: last() };
}

describe.each(
  noContent.map(
    (o) => [`${o.api} ${o.op.method.toUpperCase()} ${o.op.path} (${o.op.operation.operationId})`, o] as const,
  ),
)("%s", (_label, target) => {
  it.each<Where>(["the Prism mock", "the MSW handlers"])(
    `%s: ${target.status} with no body; the client's data is undefined`,
    async (where) => {
      const { result, res } = await call(target, where);
      expect(res.status, res.text).toBe(target.status);
      expect(res.text).toBe("");
      expect(result.error).toBeUndefined();
      expect(result.data).toBeUndefined();
    },
  );

  it("the Prism mock sends no Content-Type", async () => {
    const { res } = await call(target, "the Prism mock");
    expect(res.headers.get("content-type")).toBeNull();
  });

  // In-process, a request without Accept (Node's fetch adds `accept: */*` only on the wire) used to
  // get Prism's default `content-type: text/plain`; the engine now drops it on an answer with no body.
  it("the MSW handlers send no Content-Type, also to a request without Accept", async () => {
    const { res } = await call(target, "the MSW handlers");
    expect(res.headers.get("content-type")).toBeNull();
  });
});
