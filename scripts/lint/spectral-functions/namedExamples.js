// Spectral custom function: a media type object with a body schema carries at least one named
// example (`examples: {name: {...}}`), never only the unnamed `example`. Tests and Prism's
// `Prefer: example=<name>` rely on the names.
export default function namedExamples(mediaType) {
  if (!mediaType || typeof mediaType !== "object" || !mediaType.schema) return [];
  const examples = mediaType.examples;
  if (examples && typeof examples === "object" && Object.keys(examples).length > 0) return [];
  return [{ message: "Body has no named example; add `examples: {<name>: {$ref: ...}}` with at least one entry." }];
}
