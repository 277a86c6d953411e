// Every example in every spec validates against its schema (Ajv, JSON Schema 2020-12): named
// media-type examples, parameter and header examples, and schema-level `examples` arrays.
import { describe, expect, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { deref, listOperations } from "../../scripts/openapi/openapi.js";
import { validate } from "../support/ajv.js";
import { loadSpec } from "../support/spec.js";

interface ExampleCase {
  where: string;
  schema: unknown;
  value: unknown;
}

/** Schema-level `examples: [...]` anywhere below `node` (schemas are plain objects after dereferencing). */
function schemaExamples(node: unknown, where: string, out: ExampleCase[], seen = new Set<unknown>()): void {
  if (!node || typeof node !== "object" || seen.has(node)) return;
  seen.add(node);
  const obj = node as Record<string, unknown>;
  const looksLikeSchema =
    "type" in obj ||
    "properties" in obj ||
    "oneOf" in obj ||
    "anyOf" in obj ||
    "allOf" in obj ||
    "enum" in obj ||
    "const" in obj;
  if (looksLikeSchema && Array.isArray(obj.examples)) {
    obj.examples.forEach((value, i) => out.push({ where: `${where} (schema examples[${i}])`, schema: obj, value }));
  }
  for (const [key, child] of Object.entries(obj)) {
    if (key === "examples" && !looksLikeSchema) continue; // media-type examples are handled below
    schemaExamples(child, `${where}/${key}`, out, seen);
  }
}

function mediaExamples(content: Record<string, any> | undefined, where: string, out: ExampleCase[]): void {
  for (const [type, media] of Object.entries(content ?? {})) {
    for (const [name, example] of Object.entries<any>(media.examples ?? {})) {
      if (example.value === undefined) continue; // externalValue: nothing inline to check
      out.push({ where: `${where} ${type} example "${name}"`, schema: media.schema ?? {}, value: example.value });
    }
  }
}

for (const api of loadApis()) {
  const spec = await loadSpec(api.name);
  const cases: ExampleCase[] = [];
  for (const { path, method, operation, parameters } of listOperations(spec)) {
    const at = `${method.toUpperCase()} ${path}`;
    for (const p of parameters) {
      if (p.example !== undefined)
        cases.push({ where: `${at} parameter ${p.name}`, schema: p.schema ?? {}, value: p.example });
      for (const [name, ex] of Object.entries<any>(p.examples ?? {}))
        cases.push({ where: `${at} parameter ${p.name} "${name}"`, schema: p.schema ?? {}, value: ex.value });
    }
    mediaExamples(deref(spec, operation.requestBody)?.content, `${at} request`, cases);
    for (const [status, response] of Object.entries<any>(operation.responses ?? {})) {
      mediaExamples(response.content, `${at} ${status}`, cases);
      for (const [name, header] of Object.entries<any>(response.headers ?? {})) {
        if (header.example !== undefined)
          cases.push({ where: `${at} ${status} header ${name}`, schema: header.schema ?? {}, value: header.example });
      }
    }
  }
  schemaExamples(spec.paths, "paths", cases);
  schemaExamples(spec.components, "components", cases);

  describe(`${api.name} examples`, () => {
    it("has named examples to check", () => {
      expect(cases.filter((c) => c.where.includes('example "')).length).toBeGreaterThan(0);
    });
    it.each(cases.map((c) => [c.where, c] as const))("%s validates", (_where, c) => {
      expect(validate(c.schema, c.value)).toEqual([]);
    });
  });
}
