// The names a mock takes in `Prefer: example=<name>` for each operation: the keys of each
// response's named examples, as the document writes them, with the `Prefer` value that asks for
// each. The mock answers the operation's lowest 2XX (else `default`, else its first response)
// when no `code=` is given, so its examples need only `example=`; the others need `code=` too.
// Read by the mock pages and the reference pages (docs-copy.ts); the mock engine derives the same
// names from Prism's operations (scripts/mock-engine/mock-control.ts).
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { deref, type OperationRef } from "../openapi/openapi.js";

export interface StatusExamples {
  /** The status as the document writes it (200, 4XX, default). */
  status: string;
  /** The response answered without `code=`. */
  isDefault: boolean;
  /** Example names, in document order (unique across the response's media types). */
  names: string[];
}

/** The status `Prefer: code=` takes for a documented status (a range as its first code). */
const codeFor = (status: string) => status.replace(/XX$/i, "00");

/** The status the mock answers without `code=`. */
export function defaultStatus(statuses: string[]): string | undefined {
  return (
    statuses.filter((s) => /^2(\d\d|XX)$/i.test(s)).sort()[0] ?? statuses.find((s) => s === "default") ?? statuses[0]
  );
}

export function examplesByStatus(doc: OpenApiDocument, op: OperationRef): StatusExamples[] {
  const responses = op.operation.responses ?? {};
  const first = defaultStatus(Object.keys(responses));
  return Object.entries(responses).map(([status, raw]) => {
    const response = deref<{ content?: Record<string, { examples?: Record<string, unknown> }> }>(doc, raw);
    const names = new Set<string>();
    for (const media of Object.values(response.content ?? {}))
      for (const name of Object.keys(media.examples ?? {})) names.add(name);
    return { status, isDefault: status === first, names: [...names] };
  });
}

/** The Prefer header value that asks the mock for example `name` of `status`. */
export function preferValue(entry: Pick<StatusExamples, "status" | "isDefault">, name: string): string {
  return entry.isDefault ? `example=${name}` : `code=${codeFor(entry.status)}, example=${name}`;
}
