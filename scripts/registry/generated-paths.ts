// Every path into generated/ (what the build writes): no other module joins "generated" itself.
// `root` is this checkout by default, or another copy of the repository (a sandbox).
import { join, resolve } from "node:path";
import { ROOT } from "./apis.js";

type Api = string | { name: string };
const nameOf = (api: Api) => (typeof api === "string" ? api : api.name);

/** generated/: one folder per API, the manifest, and the git-ignored docs/ and .mock-cache/. */
export const generatedRoot = (root = ROOT) => resolve(root, "generated");
/** generated/<api>/: the API's bundles, types and client. */
export const generatedDir = (api: Api, root = ROOT) => join(generatedRoot(root), nameOf(api));
/** generated/<api>/<file>. */
export const generatedFile = (api: Api, file: string, root = ROOT) => join(generatedDir(api, root), file);
/** generated/<api>/openapi.json: the bundle every later stage reads (docs, mocks, proxy, changes). */
export const bundlePath = (api: Api, root = ROOT) => generatedFile(api, "openapi.json", root);
/** generated/docs/: the rendered docs (git-ignored). */
export const docsDir = (root = ROOT) => join(generatedRoot(root), "docs");
/** `generated/<api>/<file>` relative to the repository, for git pathspecs and messages (`*` for every API). */
export const generatedPathspec = (api: Api | "*", file: string) => `generated/${nameOf(api)}/${file}`;

export const GENERATED = generatedRoot();
export const DOCS = docsDir();
/** The input hash per API (what makes unchanged APIs skip); committed. */
export const MANIFEST = join(GENERATED, "manifest.json");
/** The input hash per rendered page. */
export const DOCS_MANIFEST = join(DOCS, ".manifest.json");
/** Prism's operations per bundle hash (mock start-up cache, git-ignored). */
export const MOCK_CACHE = join(GENERATED, ".mock-cache");
/** generated/runtime/: the one runtime every client imports (a copy of scripts/templates/runtime/). */
export const RUNTIME = join(GENERATED, "runtime");
