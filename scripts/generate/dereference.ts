// The dereferenced form of a bundled document: every local `$ref` replaced by a copy of what it
// points to, for tools that cannot follow references. A reference's own siblings (3.1 allows
// `summary`/`description` next to `$ref`) override the target's. A `$ref` that would close a
// cycle (a recursive schema) cannot be inlined; it is kept, pointing into `components`, which
// are dereferenced too. None of the five APIs has one (tested).
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { resolvePointer } from "../openapi/openapi.js";

export function dereferenceDocument(doc: OpenApiDocument): OpenApiDocument {
  // A target inlined without meeting a cycle is the same wherever it is referenced (nothing it
  // reaches can be open above it, or it would have met that cycle): it is inlined once, and the
  // copies share it. The result is data to serialise, not to modify.
  const inlined = new Map<string, unknown>();
  let cyclesKept = 0;
  const inline = (node: unknown, open: string[]): unknown => {
    if (Array.isArray(node)) return node.map((item) => inline(item, open));
    if (node === null || typeof node !== "object") return node;
    const { $ref, ...siblings } = node as Record<string, unknown>;
    if (typeof $ref === "string") {
      if (open.includes($ref)) {
        cyclesKept++;
        return node;
      }
      const before = cyclesKept;
      const target = inlined.has($ref) ? inlined.get($ref) : inline(resolvePointer(doc, $ref), [...open, $ref]);
      if (cyclesKept === before) inlined.set($ref, target);
      const own = inline(siblings, open) as Record<string, unknown>;
      return target !== null && typeof target === "object" && !Array.isArray(target) ? { ...target, ...own } : target;
    }
    return Object.fromEntries(Object.entries(node).map(([key, value]) => [key, inline(value, open)]));
  };
  return inline(doc, []) as OpenApiDocument;
}
