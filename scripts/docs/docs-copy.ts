// The docs' copy of a bundle: what Redoc renders, never published as the API's description.
// It adds code samples to every operation and turns server descriptions into plain text (Redoc
// shows them in the servers panel without rendering Markdown, so backticks would show raw).
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { codeSamples } from "./code-samples.js";
import { listOperations } from "../openapi/openapi.js";

const plainText = (markdown: string) => markdown.replace(/`([^`]*)`/g, "$1").replace(/\*\*([^*]+)\*\*/g, "$1");

export function docsCopy(api: ApiEntry, bundle: OpenApiDocument): OpenApiDocument {
  const doc = structuredClone(bundle) as OpenApiDocument;
  for (const op of listOperations(doc)) op.operation["x-codeSamples"] = codeSamples(api, doc, op);
  for (const server of (doc.servers ?? []) as { description?: string }[]) {
    if (typeof server.description === "string") server.description = plainText(server.description);
  }
  return doc;
}
