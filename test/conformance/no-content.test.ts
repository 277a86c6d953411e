// A success the spec documents without content (Lightrun's four 204s) is answered as documented:
// the mock sends no Content-Type and no body, and the generated client, called as a user calls it
// (no parse option), gives `data` undefined. Operations are enumerated from the specs.
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { listOperations, type OperationRef } from "../../scripts/openapi/openapi.js";
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
    if (first && Object.keys((first[1] as { content?: object }).content ?? {}).length === 0) noContent.push({ api: api.name, spec, op, status: Number(first[0]) });
  }
}

it("Lightrun's four 204s are among the successes documented without content", () => {
  const lightrun = noContent.filter((o) => o.api === "lightrun").map((o) => `${o.status} ${o.op.operation.operationId}`);
  expect(lightrun.sort()).toEqual(["204 deleteAgentPool", "204 detachAgents", "204 enableAgents", "204 removeWatchedPackages"]);
});

describe.each(noContent.map((o) => [`${o.api} ${o.op.method.toUpperCase()} ${o.op.path} (${o.op.operation.operationId})`, o] as const))("%s", (_label, { api, spec, op, status }) => {
  it(`answers ${status} with no Content-Type and no body; the client's data is undefined`, async () => {
    const client = await CASES[api]!.client(inject("mockUrls")[api]!);
    const last = captureResponses(client);
    const request = buildRequest(spec, op);
    const result = await client[op.method.toUpperCase()](op.path, { params: request.params, ...(request.body !== undefined ? { body: request.body } : {}) });
    const res = last();
    expect(res.status, res.text).toBe(status);
    expect(res.headers.get("content-type")).toBeNull();
    expect(res.text).toBe("");
    expect(result.error).toBeUndefined();
    expect(result.data).toBeUndefined();
  });
});
