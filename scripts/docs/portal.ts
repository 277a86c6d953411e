// The portal page (generated/docs/index.html) that lists every API with its links.
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { listOperations } from "../openapi/openapi.js";
import { DOCUMENT_FORMS } from "../generate/package-exports.js";

export interface PortalEntry {
  api: ApiEntry;
  doc: OpenApiDocument;
  mockUrl: string;
}

export const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** First paragraph of the description, without Markdown decoration. */
function summaryOf(doc: OpenApiDocument): string {
  const text = String(doc.info?.summary ?? doc.info?.description ?? "");
  const para = text.split(/\n\s*\n/).find((p) => p.trim() && !p.trim().startsWith("#")) ?? "";
  return para
    .replace(/[*_`]/g, "")
    .replace(/\[([^\]]+)\]\([^)]+\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
}

/** One line per OpenAPI version, linking every form of the document the docs copy (docs-site.ts). */
function formLinks(api: ApiEntry): string {
  const versions = [
    { label: "OpenAPI 3.1", forms: DOCUMENT_FORMS.filter((f) => !f.includes(".3.0.")) },
    { label: "OpenAPI 3.0", forms: DOCUMENT_FORMS.filter((f) => f.includes(".3.0.")) },
  ];
  return versions
    .map(
      ({ label, forms }) =>
        `        <li>${label}: ${forms.map((f) => `<a class="form" href="./specs/${api.name}/${f}">${f}</a>`).join(" · ")}</li>`,
    )
    .join("\n");
}

export function renderPortal(entries: PortalEntry[]): string {
  const cards = entries.map(({ api, doc, mockUrl }) => {
    const count = listOperations(doc).length;
    return `    <article class="api" id="${api.name}">
      <h2><a href="./${api.name}.html">${escapeHtml(String(doc.info.title))}</a> <span class="version">${escapeHtml(versionLabel(String(doc.info.version)))}</span></h2>
      <p>${escapeHtml(summaryOf(doc))}</p>
      <p class="count"><strong>${count}</strong> operation${count === 1 ? "" : "s"}</p>
      <ul class="links">
        <li><a href="./${api.name}.html">Reference</a></li>
${formLinks(api)}
        <li><a class="mock" href="./${api.name}-mock.html">Mock</a> at <code>${escapeHtml(mockUrl)}</code>: its operations with ready curl lines <small>(run <code>npm start</code>)</small></li>
      </ul>
    </article>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>API reference portal</title>
  <link rel="icon" href="./favicon.svg" type="image/svg+xml">
  <style>
    body { font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2933; background: #f5f7fa; }
    header { background: #243b53; color: #fff; padding: 2rem 1.5rem; }
    header h1 { margin: 0 0 .25rem; font-size: 1.8rem; }
    main { max-width: 60rem; margin: 0 auto; padding: 1.5rem; display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(17rem, 1fr)); }
    .api { background: #fff; border-radius: .5rem; padding: 1rem 1.25rem; box-shadow: 0 1px 3px rgba(0,0,0,.12); }
    .api h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
    .version { font-size: .8rem; color: #52606d; font-weight: normal; }
    .links { padding-left: 1.1rem; margin: .5rem 0 0; }
    a { color: #0b69a3; }
    code { font-size: .85em; }
  </style>
</head>
<body>
  <header>
    <h1>API reference portal</h1>
    <p>Machine-readable OpenAPI 3.1 descriptions of ${entries.length} HTTP APIs, with rendered references, bundles and mocks. Works offline.</p>
  </header>
  <main>
${cards.join("\n")}
  </main>
</body>
</html>
`;
}

/** "1.3.0" → "v1.3.0"; "v1" stays "v1". */
function versionLabel(version: string): string {
  return /^v/i.test(version) ? version : `v${version}`;
}
