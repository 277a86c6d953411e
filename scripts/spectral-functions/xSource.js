// Spectral custom function: every operation says where its facts come from, as a non-empty
// `x-source` list. Entries: `seeds/<file>.txt`, `reference/<file>.md` (each optionally with
// `#section`), or `inferred`; an optional note may follow after " - ".
const ENTRY = /^(seeds\/[\w.-]+\.txt|reference\/[\w.-]+\.md|inferred)(#[^\s]+)?( - .+)?$/;

export default function xSource(operation) {
  if (!operation || typeof operation !== "object") return [];
  const source = operation["x-source"];
  if (!Array.isArray(source) || source.length === 0) {
    return [{ message: "Operation has no `x-source` list; say where its facts come from (seeds/…, reference/…, or inferred)." }];
  }
  return source
    .map((entry, i) => ({ entry, i }))
    .filter(({ entry }) => typeof entry !== "string" || !ENTRY.test(entry))
    .map(({ entry, i }) => ({
      message: `x-source entry ${JSON.stringify(entry)} is not seeds/<file>.txt, reference/<file>.md or inferred (optionally #section and " - note").`,
      path: ["x-source", i],
    }));
}
