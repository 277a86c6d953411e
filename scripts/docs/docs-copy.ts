// The docs' copy of a bundle: what Redoc renders, never published as the API's description.
// It adds code samples to every operation and turns server descriptions into plain text (Redoc
// shows them in the servers panel without rendering Markdown, so backticks would show raw), and
// names each response example's `Prefer` value (what the mock takes to answer it) in its summary
// and description, where Redoc shows them next to the example.
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { codeSamples } from "./code-samples.js";
import { deref, listOperations, type OperationRef } from "../openapi/openapi.js";
import { examplesByStatus, preferValue } from "./prefer-names.js";

const plainText = (markdown: string) => markdown.replace(/`([^`]*)`/g, "$1").replace(/\*\*([^*]+)\*\*/g, "$1");

type Media = { examples?: Record<string, Record<string, unknown>> };

/**
 * Each response example of `op` with its Prefer value: `<summary> · Prefer: example=<name>` in
 * the summary (Redoc's example menu) and a description line (shown above the example). Responses
 * and examples shared through components get per-operation copies, since the Prefer value
 * depends on the operation (`code=` for other than its default).
 */
function namePreferValues(doc: OpenApiDocument, op: OperationRef): void {
  const responses = op.operation.responses ?? {};
  for (const entry of examplesByStatus(doc, op)) {
    if (!entry.names.length) continue;
    const response = { ...deref<Record<string, unknown>>(doc, responses[entry.status]) };
    const content: Record<string, Media> = {};
    for (const [mediaType, media] of Object.entries((response.content ?? {}) as Record<string, Media>)) {
      const examples: Record<string, Record<string, unknown>> = {};
      for (const [name, example] of Object.entries(media.examples ?? {})) {
        const resolved = deref<{ summary?: string; description?: string }>(doc, example);
        const prefer = `Prefer: ${preferValue(entry, name)}`;
        const summary = resolved.summary ? `${resolved.summary} · ${prefer}` : prefer;
        const description = [`Mock: \`${prefer}\``, resolved.description].filter(Boolean).join("\n\n");
        // Inlined: Redoc reads a referenced example's own summary, ignoring the reference's.
        examples[name] = { ...resolved, summary, description };
      }
      content[mediaType] = { ...media, examples };
    }
    response.content = content;
    responses[entry.status] = response;
  }
}

export function docsCopy(api: ApiEntry, bundle: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(bundle) as OpenApiDocument;
  for (const op of listOperations(doc)) {
    op.operation["x-codeSamples"] = codeSamples(api, doc, op);
    namePreferValues(doc, op);
  }
  for (const server of (doc.servers ?? []) as { description?: string }[]) {
    if (typeof server.description === "string") server.description = plainText(server.description);
  }
  return doc;
}
