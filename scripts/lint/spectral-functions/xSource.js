// Spectral custom function: every operation says where its facts come from, as a non-empty
// `x-source` list. Entries: `seeds/<file>.txt`, `reference/<file>.md`, `servers/<archive>/<file>`
// (a file of a server source archive in ../shared/servers, unpacked), each optionally with
// `#section`, or `inferred`; an optional note may follow after " - ".
const ENTRY = /^(seeds\/[\w.-]+\.txt|reference\/[\w.-]+\.md|servers\/[\w.-]+\/[\w./-]+|inferred)(#[^\s]+)?( - .+)?$/;

export default function xSource(operation) {
  if (!operation || typeof operation !== "object") return [];
  const source = operation["x-source"];
  if (!Array.isArray(source) || source.length === 0) {
    return [
      {
        message:
          "Operation has no `x-source` list; say where its facts come from (seeds/…, reference/…, servers/…, or inferred).",
      },
    ];
  }
  return source
    .map((entry, i) => ({ entry, i }))
    .filter(({ entry }) => typeof entry !== "string" || !ENTRY.test(entry))
    .map(({ entry, i }) => ({
      message: `x-source entry ${JSON.stringify(entry)} is not seeds/<file>.txt, reference/<file>.md, servers/<archive>/<file> or inferred (optionally #section and " - note").`,
      path: ["x-source", i],
    }));
}
