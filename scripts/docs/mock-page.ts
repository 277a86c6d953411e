// The page the portal's "Mock" link opens (generated/docs/<api>-mock.html): where the API's mock
// listens, how to start it, the credentials its commands read, how `Prefer` chooses the answer, and
// every operation with a curl line ready to paste against it and the Prefer value of each example.
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { curlSample, variablesIn } from "./code-samples.js";
import { defaultServerUrl, listOperations, type OperationRef } from "../openapi/openapi.js";
import { examplesByStatus, preferValue } from "./prefer-names.js";
import { escapeHtml } from "./portal.js";

/** The Prefer values of one operation, by status: what its examples are called in the mock. */
function preferCell(doc: OpenApiDocument, op: OperationRef): string {
  return examplesByStatus(doc, op)
    .map((entry) => {
      const values = entry.names.length
        ? entry.names.map((name) => preferValue(entry, name))
        : entry.isDefault
          ? []
          : [`code=${entry.status.replace(/XX$/i, "00")}`];
      const codes = values.map((v) => `<code class="prefer-value">${escapeHtml(v)}</code>`).join(" ");
      return `<div><span class="status">${escapeHtml(entry.status)}</span>${entry.isDefault ? " <small>(default)</small>" : ""} ${codes}</div>`;
    })
    .join("");
}

export function renderMockPage(api: ApiEntry, doc: OpenApiDocument, mockUrl: string): string {
  const server = defaultServerUrl(doc);
  const base = mockUrl.replace(/\/$/, "");
  const operations = listOperations(doc);
  const curls = operations.map((op) => curlSample(api, doc, op).replace(`'${server}/`, `'${base}/`));
  const rows = operations.map((op, i) => {
    const id = op.operation.operationId ? ` id="${escapeHtml(String(op.operation.operationId))}"` : "";
    return `    <tr${id}><td><span class="method">${op.method.toUpperCase()}</span> <code>${escapeHtml(op.path)}</code><br>${escapeHtml(String(op.operation.summary ?? ""))}</td><td><pre>${escapeHtml(curls[i]!)}</pre></td><td class="prefer">${preferCell(doc, op)}</td></tr>`;
  });
  // Only the variables this page's commands read (one name per credential, see code-samples.ts).
  const variables = variablesIn(curls.join("\n"));
  const credentials = variables.length
    ? `checks that credentials are present (any value works): <code class="credentials">export ${variables.map((v) => `${v}=…`).join(" ")}</code>`
    : "needs no credentials";
  const example =
    operations.find((op) => examplesByStatus(doc, op).some((e) => !e.isDefault && e.names.length)) ?? operations[0];
  const other = example && examplesByStatus(doc, example).find((e) => !e.isDefault && e.names.length);
  const title = escapeHtml(String(doc.info.title));
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}: mock</title>
  <link rel="icon" href="./favicon.svg" type="image/svg+xml">
  <style>
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; max-width: 80rem; padding: 1.5rem; color: #1f2933; }
    table { border-collapse: collapse; width: 100%; table-layout: fixed; }
    th { text-align: left; padding: .5rem; }
    td { border-top: 1px solid #d9e2ec; padding: .5rem; vertical-align: top; overflow-wrap: anywhere; }
    .method { font-weight: bold; font-family: monospace; }
    /* A command keeps its lines as written (one option per line, ending in \\) and scrolls sideways
       where a line is wider than the column: browsers would otherwise break URLs and JSON inside a token. */
    pre { margin: 0; white-space: pre; overflow-x: auto; background: #f0f4f8; padding: .5rem; border-radius: .25rem; }
    .prefer div { margin-bottom: .25rem; }
    .prefer .status { font-weight: bold; font-family: monospace; }
    .prefer code { white-space: nowrap; background: #f0f4f8; padding: 0 .2rem; border-radius: .2rem; }
    a { color: #0b69a3; }
  </style>
</head>
<body>
  <p><a href="./index.html">← All APIs</a> · <a href="./${api.name}.html">${title} reference</a></p>
  <h1>${title}: mock</h1>
  <p>A Prism mock of this API answers at <code class="mock-url">${escapeHtml(base)}</code> while <code>npm start</code>
  (or <code>npm run mock -- ${api.name}</code>) runs. It answers every operation below with the spec's examples, validates requests and
  ${credentials}.</p>
  <h2 id="prefer">Choosing the answer: <code>Prefer</code></h2>
  <p>Without a <code>Prefer</code> header the mock answers an operation's success with its first named example. The last column lists what
  else it can answer: <code>Prefer: example=&lt;name&gt;</code> picks another example of that success, <code>Prefer: code=&lt;status&gt;</code>
  answers another documented status (its first example), and both together pick an example of that status${other && example ? `, e.g. <code>curl -H 'Prefer: ${escapeHtml(preferValue(other, other.names[0]!))}' …</code> on <code>${example.method.toUpperCase()} ${escapeHtml(example.path)}</code>` : ""}.
  (<code>?__code=</code> and <code>?__example=</code> in the query do the same.) A name the operation does not have, or a status it does not
  declare, answers <code>404</code> <code>application/problem+json</code> with the header <code>x-mock-error</code>, listing the operation's
  statuses and example names: the mock's own answer, never the API's.</p>
  <table>
    <colgroup><col style="width: 26%"><col style="width: 49%"><col style="width: 25%"></colgroup>
    <thead><tr><th>Operation</th><th>curl</th><th>Prefer (by status)</th></tr></thead>
${rows.join("\n")}
  </table>
</body>
</html>
`;
}
