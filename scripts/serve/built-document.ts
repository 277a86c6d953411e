// The document the validating proxy and the live checks (`npm run verify`) check against: the
// build's generated/<api>/openapi.dereferenced.json (every $ref inlined, so each schema validates
// on its own), read as committed instead of bundling specs/ again. That file equals Redocly's
// dereference of specs/ (test/generate/document-forms.test.ts); if the build is missing or older than its
// inputs (isBuilt: the manifest's hash of specs/, templates and generator code), the command
// stops with one line saying to run `npm run build`, instead of checking against a stale spec.
import { existsSync, readFileSync } from "node:fs";
import { relative } from "node:path";
import type { OpenAPIObject } from "openapi3-ts/oas31";
import { isBuilt } from "../pipeline/build-generated.js";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import { generatedFile } from "../registry/generated-paths.js";

/** The build the command needs is missing or stale: the message is one line naming `npm run build`. */
export class NotBuiltError extends Error {
  override readonly name = "NotBuiltError";
}

export const DEREFERENCED = "openapi.dereferenced.json";

/** generated/<api>/openapi.dereferenced.json, relative to the repository (for messages). */
export const dereferencedPath = (api: ApiEntry) => relative(ROOT, generatedFile(api, DEREFERENCED));

/** The API's dereferenced document as the build wrote it; NotBuiltError when missing or stale. */
export function readDereferenced(api: ApiEntry): OpenAPIObject {
  const file = generatedFile(api, DEREFERENCED);
  if (!existsSync(file)) throw new NotBuiltError(`${dereferencedPath(api)} is missing: run \`npm run build\` first`);
  if (!isBuilt(api)) {
    throw new NotBuiltError(
      `${dereferencedPath(api)} is out of date with specs/, the generators or the tool versions: run \`npm run build\` first`,
    );
  }
  return JSON.parse(readFileSync(file, "utf8")) as OpenAPIObject;
}
