// A faster front for Prism's router. Prism scores and sorts every operation of the document on
// every request (O(n log n) string splits: RunCloud's 104 operations capped its mock at ~400
// req/s). Only operations whose path has the request's segment count and the same literal
// segments can match, so we hand Prism just those; its own matching, 404 and 405 logic then runs
// unchanged on the short list (or on the full list when nothing could match, for its 404).
import { prismRouter, type PrismRoute as Route } from "./private-hooks.js";

interface Resource {
  path: string;
}

const prismRoute = prismRouter();

// Prism decodes request fragments before comparing; so do we.
function decode(fragment: string): string {
  try {
    return decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

const TEMPLATED = /{(.+)}/;
const segmentCache = new WeakMap<Resource[], { resource: Resource; segments: (string | null)[] }[]>();

function segmentsOf(resources: Resource[]) {
  let table = segmentCache.get(resources);
  if (!table) {
    // null marks a templated segment (Prism matches it against anything).
    table = resources.map((resource) => ({
      resource,
      segments: resource.path.split("/").slice(1).map((s) => (TEMPLATED.test(s) ? null : decode(s))),
    }));
    segmentCache.set(resources, table);
  }
  return table;
}

export const preselectingRoute: Route = ({ resources, input }) => {
  const path = input.url.path;
  if (!path.startsWith("/")) return prismRoute({ resources, input });
  const request = path.split("/").slice(1).map(decode);
  const candidates = segmentsOf(resources)
    .filter(({ segments }) => segments.length === request.length && segments.every((s, i) => s === null || s === request[i]))
    .map(({ resource }) => resource);
  return prismRoute({ resources: candidates.length ? candidates : resources, input });
};
