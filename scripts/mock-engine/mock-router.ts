// The routing step. Prism's router scores and sorts every operation of the document on every
// request (O(n log n) string splits and fp-ts wrappers: RunCloud's 104 operations capped its mock
// at ~400 req/s). Two faster fronts that choose what Prism's router chooses:
// - RouteTable, built once per document: literal paths in a Map, templated paths in a list per
//   segment count with their segment patterns compiled; it finds the operation Prism's router
//   would return, or none where Prism answers its 404/405 problem (which Prism then makes).
// - preselectingRoute, Prism's router on only the operations whose literal segments match: for
//   Prism's own routing of a request the table leaves to it (404, 405, a `__server` base URL).
import { prismRouter, type PrismRoute as Route } from "./private-hooks.js";

interface Resource {
  path: string;
}

const prismRoute = prismRouter();

// Prism decodes request and operation path fragments before comparing; so do we.
function decode(fragment: string): string {
  try {
    return fragment && decodeURIComponent(fragment);
  } catch {
    return fragment;
  }
}

/** Prism's test for a templated fragment (router/matchPath.js' isTemplated). */
const TEMPLATED = /{(.+)}/;
const segmentCache = new WeakMap<Resource[], { resource: Resource; segments: (string | null)[] }[]>();

function segmentsOf(resources: Resource[]) {
  let table = segmentCache.get(resources);
  if (!table) {
    // null marks a templated segment (Prism matches it against anything).
    table = resources.map((resource) => ({
      resource,
      segments: resource.path
        .split("/")
        .slice(1)
        .map((s) => (TEMPLATED.test(s) ? null : decode(s))),
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
    .filter(
      ({ segments }) => segments.length === request.length && segments.every((s, i) => s === null || s === request[i]),
    )
    .map(({ resource }) => resource);
  return prismRoute({ resources: candidates.length ? candidates : resources, input });
};

/** An operation's path, prepared once: what Prism's matchPath and calculateMatchScore read of it. */
interface PathEntry<T> {
  operation: T;
  method: string;
  /** Its place in the document: Prism prefers the later of two equally scored matches. */
  index: number;
  /** The path split at "/", undecoded (Prism's score compares these). */
  raw: string[];
  /** The decoded fragments after the leading "/". */
  fragments: string[];
  /** Per fragment, the pattern a templated one must match (Prism's, unanchored), else null. */
  patterns: (RegExp | null)[];
  templated: boolean;
}

/** Prism's capture pattern for a templated fragment (`{id}.json` → `(.*)\.json`). */
function fragmentPattern(fragment: string): RegExp {
  const escaped = fragment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(escaped.replace(/\\\{[^\\]+\\\}/g, "(.*)"));
}

/** Prism's calculateMatchScore: literal parts equal count 1, a templated part ½, up to the first difference. */
function score(route: { raw: string[] }, requestParts: string[]): number {
  let total = 0;
  for (let i = 0; i < route.raw.length; i++) {
    if (route.raw[i] === requestParts[i]) total++;
    else if (TEMPLATED.test(route.raw[i]!)) total += 0.5;
    else break;
  }
  return total;
}

/** Of routes that all match, Prism's choice: the highest score, the later in the document on a tie. */
function best<T>(routes: PathEntry<T>[], requestParts: string[] | undefined, path: string): PathEntry<T> | undefined {
  if (routes.length < 2) return routes[0];
  const parts = requestParts ?? path.split("/");
  let chosen = routes[0]!;
  let chosenScore = score(chosen, parts);
  for (const route of routes.slice(1)) {
    const s = score(route, parts);
    if (s > chosenScore || (s === chosenScore && route.index > chosen.index)) [chosen, chosenScore] = [route, s];
  }
  return chosen;
}

/**
 * The operations of one document, indexed once for routing. `route` returns the operation
 * Prism's router returns for a method and path (without a `__server` base URL), or undefined
 * where Prism's router answers with an error (no path, no method) or the path does not start
 * with "/": the caller lets Prism make that answer.
 */
export class RouteTable<T extends { method: string; path: string }> {
  /** Literal paths by their decoded fragments joined with "/" (a fragment with an encoded "/" is checked). */
  private readonly literal = new Map<string, PathEntry<T>[]>();
  /** Templated paths by fragment count. */
  private readonly templated = new Map<number, PathEntry<T>[]>();

  constructor(operations: readonly T[]) {
    operations.forEach((operation, index) => {
      const raw = operation.path.split("/");
      const fragments = raw.slice(1).map(decode);
      const patterns = fragments.map((f) => (TEMPLATED.test(f) ? fragmentPattern(f) : null));
      const templated = patterns.some((p) => p !== null);
      const route: PathEntry<T> = {
        operation,
        method: operation.method.toLowerCase(),
        index,
        raw,
        fragments,
        patterns,
        templated,
      };
      const [map, key] = templated ? [this.templated, fragments.length] : [this.literal, fragments.join("/")];
      const list = (map as Map<string | number, PathEntry<T>[]>).get(key);
      if (list) list.push(route);
      else (map as Map<string | number, PathEntry<T>[]>).set(key, [route]);
    });
  }

  route(method: string, path: string): T | undefined {
    if (!path.startsWith("/")) return undefined;
    const wanted = method.toLowerCase();
    const rawParts = path.includes("%") ? path.split("/") : undefined;
    const fragments = rawParts ? rawParts.slice(1).map(decode) : path.slice(1).split("/");
    const sameFragments = (route: PathEntry<T>) =>
      route.fragments.length === fragments.length && route.fragments.every((f, i) => f === fragments[i]);
    const literal = (this.literal.get(fragments.join("/")) ?? []).filter(
      (r) => r.method === wanted && sameFragments(r),
    );
    if (literal.length) return best(literal, rawParts, path)!.operation;
    const templated = (this.templated.get(fragments.length) ?? []).filter(
      (r) => r.method === wanted && matchesTemplate(r, fragments),
    );
    return best(templated, rawParts, path)?.operation;
  }
}

function matchesTemplate(route: PathEntry<unknown>, fragments: string[]): boolean {
  for (let i = 0; i < fragments.length; i++) {
    const pattern = route.patterns[i];
    if (pattern ? !pattern.test(fragments[i]!) : route.fragments[i] !== fragments[i]) return false;
  }
  return true;
}
