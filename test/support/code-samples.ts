// The code samples the docs show on every operation (x-codeSamples in the docs' copy of each
// published bundle), one entry per operation: checked by code-samples.test.ts (curl against the
// mocks) and typecheck.test.ts (the TypeScript ones compile against the generated clients).
import { readFileSync } from "node:fs";
import { loadApis, type ApiEntry } from "../../scripts/registry/apis.js";
import type { OpenApiDocument } from "../../scripts/openapi/openapi-document.js";
import type { CodeSample } from "../../scripts/docs/code-samples.js";
import { docsCopy } from "../../scripts/docs/docs-copy.js";
import { listOperations } from "../../scripts/openapi/openapi.js";
import { bundlePath } from "../../scripts/registry/generated-paths.js";

export interface Sample {
  api: ApiEntry;
  label: string;
  success: number;
  curl: string;
  typescript: string;
}

/** generated/<api>/openapi.json as published (without samples). */
export const published = (api: ApiEntry) => JSON.parse(readFileSync(bundlePath(api), "utf8")) as OpenApiDocument;

export function docsSamples(apis = loadApis()): Sample[] {
  return apis.flatMap((api) =>
    listOperations(docsCopy(api, published(api))).map(({ method, path, operation }) => {
      const list = operation["x-codeSamples"] as CodeSample[];
      const success = Object.keys(operation.responses ?? {})
        .filter((s) => /^2\d\d$/.test(s))
        .map(Number)
        .sort()[0];
      return {
        api,
        label: `${api.name} ${method.toUpperCase()} ${path}`,
        success: success ?? NaN,
        curl: list.find((s) => s.label === "curl")?.source ?? "",
        typescript: list.find((s) => s.lang === "TypeScript")?.source ?? "",
      };
    }),
  );
}
