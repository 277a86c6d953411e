// The page the portal's "Mock" link opens (generated/docs/<api>-mock.html): where the API's mock
// listens, how to start it, and every operation with a curl line ready to paste against it.
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { credentialEnv, curlSample } from "./code-samples.js";
import { defaultServerUrl, listOperations } from "../openapi/openapi.js";
import { escapeHtml } from "./portal.js";

export function renderMockPage(api: ApiEntry, doc: OpenApiDocument, mockUrl: string): string {
  const server = defaultServerUrl(doc);
  const base = mockUrl.replace(/\/$/, "");
  const env = credentialEnv(api);
  const rows = listOperations(doc).map((op) => {
    const curl = curlSample(api, doc, op).replace(`'${server}/`, `'${base}/`);
    return `    <tr><td class="method">${op.method.toUpperCase()}</td><td><code>${escapeHtml(op.path)}</code><br>${escapeHtml(String(op.operation.summary ?? ""))}</td><td><pre>${escapeHtml(curl)}</pre></td></tr>`;
  });
  const title = escapeHtml(String(doc.info.title));
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}: mock</title>
  <link rel="icon" href="./favicon.svg" type="image/svg+xml">
  <style>
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 70rem; padding: 1.5rem; color: #1f2933; }
    table { border-collapse: collapse; width: 100%; }
    td { border-top: 1px solid #d9e2ec; padding: .5rem; vertical-align: top; }
    .method { font-weight: bold; font-family: monospace; }
    pre { margin: 0; white-space: pre-wrap; word-break: break-all; background: #f0f4f8; padding: .5rem; border-radius: .25rem; }
    a { color: #0b69a3; }
  </style>
</head>
<body>
  <p><a href="./index.html">← All APIs</a> · <a href="./${api.name}.html">${title} reference</a></p>
  <h1>${title}: mock</h1>
  <p>A Prism mock of this API answers at <code class="mock-url">${escapeHtml(base)}</code> while <code>npm start</code>
  (or <code>npm run mock -- ${api.name}</code>) runs. It answers every operation below with the spec's examples, validates requests and
  checks that credentials are present (any value works: <code>export ${env.token}=… ${env.user}=… ${env.secret}=… ${env.apiKey}=…</code>, whichever the command uses).</p>
  <table>
${rows.join("\n")}
  </table>
</body>
</html>
`;
}
