// What the load benchmark sends to each mock: one GET and one POST built from the spec's
// examples (scripts/testkit/example-requests.ts).
import { readFileSync } from "node:fs";
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { listOperations } from "../openapi/openapi.js";
import { bundlePath } from "../registry/generated-paths.js";
import { toTarget, type ExampleRequest } from "../testkit/example-requests.js";

/** The first GET and the first POST of the API. */
export function loadTargets(api: ApiEntry): ExampleRequest[] {
  const doc = JSON.parse(readFileSync(bundlePath(api), "utf8")) as OpenApiDocument;
  const ops = listOperations(doc);
  return ["get", "post"].flatMap((m) => {
    const op = ops.find((o) => o.method === m);
    return op ? [toTarget(doc, op)] : [];
  });
}
