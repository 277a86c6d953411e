// The docs stage of the build: generated/docs/ made from what the build stage wrote, and nothing
// else. Per API it reads generated/<api>/openapi.json, renders the reference page from the docs'
// copy of that bundle, copies every form of the document for download and writes the mock page;
// then the portal, and the brotli/gzip copies of every text file (precompress.ts). Pages are
// re-rendered only when their bundle or the code that shapes them changed.
import { existsSync, readFileSync, rmSync } from "node:fs";
import { relative, resolve } from "node:path";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import { FAVICON_SVG, redocScript, renderReference } from "./reference-page.js";
import { docsCopy } from "./docs-copy.js";
import { hashInputs, listFiles, writeAtomic } from "../registry/files.js";
import { renderMockPage } from "./mock-page.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { bundlePath, DOCS, DOCS_MANIFEST, generatedFile } from "../registry/generated-paths.js";
import { renderPortal, type PortalEntry } from "./portal.js";
import { DOCUMENT_FORMS } from "../generate/package-exports.js";
import { precompressDir } from "./precompress.js";

/** The code that shapes a rendered page: a change to any of it re-renders every page. */
const DOCS_CODE = [
  "scripts/docs/docs-site.ts",
  "scripts/docs/reference-page.ts",
  "scripts/mock-engine/private-hooks.ts",
  "scripts/docs/docs-copy.ts",
  "scripts/docs/code-samples.ts",
  "scripts/docs/prefer-names.ts",
  "scripts/openapi/request-builder.ts",
  "scripts/generate/client-source.ts",
  "scripts/openapi/openapi.ts",
];

export interface DocsOptions {
  /** Re-render every page. */
  force?: boolean;
  /** Host shown in the portal's mock links. */
  mockHost?: string;
}

export interface DocsReport {
  /** APIs whose reference page was rendered. */
  rendered: string[];
  /** Milliseconds spent rendering pages. */
  renderMs: number;
}

function readManifest(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(DOCS_MANIFEST, "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

function readBundle(api: ApiEntry): string {
  try {
    return readFileSync(bundlePath(api), "utf8");
  } catch (err) {
    throw new Error(
      `${api.name}: cannot read ${relative(ROOT, bundlePath(api))} (run \`npm run build\`): ${(err as Error).message}`,
    );
  }
}

export async function buildDocs(apis: ApiEntry[], options: DocsOptions = {}): Promise<DocsReport> {
  const report: DocsReport = { rendered: [], renderMs: 0 };
  const manifest = readManifest();
  const host = options.mockHost ?? "127.0.0.1";
  const script = redocScript();
  writeAtomic(resolve(DOCS, script.name), script.text);
  writeAtomic(resolve(DOCS, "favicon.svg"), FAVICON_SVG);
  const redoclyYaml = JSON.stringify(readFileSync(resolve(ROOT, "redocly.yaml"), "utf8"));
  const entries: PortalEntry[] = [];
  for (const api of apis) {
    const bundleText = readBundle(api);
    const doc = JSON.parse(bundleText) as OpenApiDocument;
    const hash = hashInputs(ROOT, [relative(ROOT, bundlePath(api)), ...DOCS_CODE], [redoclyYaml, script.name]);
    const page = resolve(DOCS, `${api.name}.html`);
    const pageJson = resolve(DOCS, `${api.name}.json`);
    if (options.force || manifest[api.name] !== hash || !existsSync(page) || !existsSync(pageJson)) {
      // Loaded only to render: @redocly/openapi-core takes a while to load.
      const { redoclyConfig } = await import("../registry/redocly-config.js");
      const start = performance.now();
      const rendered = await renderReference(api, await redoclyConfig(), docsCopy(api, doc), script.name, DOCS);
      report.renderMs += performance.now() - start;
      // JSON first: a page never points at a definition that is not there yet.
      writeAtomic(pageJson, rendered.json);
      writeAtomic(page, rendered.html);
      manifest[api.name] = hash;
      report.rendered.push(api.name);
    }
    // Every form of the document, for download from the portal (specs/<api>/<form>).
    for (const form of DOCUMENT_FORMS)
      writeAtomic(
        resolve(DOCS, "specs", api.name, form),
        form === "openapi.json" ? bundleText : readFileSync(generatedFile(api, form), "utf8"),
      );
    const mockUrl = `http://${host}:${api.mockPort}/`;
    writeAtomic(resolve(DOCS, `${api.name}-mock.html`), renderMockPage(api, doc, mockUrl));
    entries.push({ api, doc, mockUrl });
  }
  for (const stale of listFiles(DOCS).filter((f) => /^redoc\.[0-9a-f]{12}\.js$/.test(f) && f !== script.name))
    rmSync(resolve(DOCS, stale));
  writeAtomic(resolve(DOCS, "index.html"), renderPortal(entries));
  writeAtomic(DOCS_MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  await precompressDir(DOCS);
  return report;
}
