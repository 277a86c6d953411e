// Finds the operation of a bundled spec that a request (method and path) addresses, as OpenAPI
// defines it: concrete paths win over templated ones, `{name}` matches one path segment. Paths
// may be given with or without the servers' base path (RunCloud's `/api/v2`).
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { HTTP_METHODS, listOperations, type OperationRef } from "../openapi/openapi.js";

export interface OperationMatch {
  op: OperationRef;
  /** Path parameters, percent-decoded. */
  pathParams: Record<string, string>;
  /** HEAD on a path that documents only GET: checked as that GET without a body (RFC 9110 §9.3.2). */
  headAsGet: boolean;
}

export type MatchResult = { match: OperationMatch } | { problem: string };

interface Template {
  path: string;
  regex: RegExp;
  names: string[];
  params: number;
}

function compile(path: string): Template {
  const names: string[] = [];
  const source = path
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name === undefined) return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
      names.push(name);
      return "([^/]+)";
    })
    .join("");
  return { path, regex: new RegExp(`^${source}$`), names, params: names.length };
}

function basePaths(doc: OpenApiDocument): string[] {
  const bases = new Set<string>();
  for (const server of doc.servers ?? []) {
    const url = String(server.url ?? "").replace(/\{([^}]+)\}/g, (_m: string, name: string) =>
      String(server.variables?.[name]?.default ?? "x"),
    );
    try {
      const pathname = new URL(url, "http://base.invalid").pathname.replace(/\/$/, "");
      if (pathname) bases.add(pathname);
    } catch {
      // a server URL that does not parse adds no base path
    }
  }
  return [...bases];
}

export interface PathMatch {
  /** The spec path (template) the request path addresses. */
  path: string;
  /** Every operation documented on that path. */
  operations: OperationRef[];
  /** Path parameters, percent-decoded. */
  pathParams: Record<string, string>;
}

/** The spec path a request path addresses (undefined: none); build it once and call it per request. */
export function pathMatcher(doc: OpenApiDocument): (pathname: string) => PathMatch | undefined {
  const operations = listOperations(doc);
  const templates = Object.keys(doc.paths ?? {})
    .map(compile)
    .sort((a, b) => a.params - b.params);
  const bases = basePaths(doc);
  return (pathname) => {
    const candidates = [
      pathname,
      ...bases.filter((b) => pathname.startsWith(`${b}/`)).map((b) => pathname.slice(b.length)),
    ];
    for (const candidate of candidates) {
      for (const template of templates) {
        const found = template.regex.exec(candidate);
        if (!found) continue;
        const pathParams: Record<string, string> = {};
        template.names.forEach((name, i) => {
          const raw = found[i + 1]!;
          try {
            pathParams[name] = decodeURIComponent(raw);
          } catch {
            pathParams[name] = raw;
          }
        });
        return { path: template.path, operations: operations.filter((o) => o.path === template.path), pathParams };
      }
    }
    return undefined;
  };
}

/** A matcher over one document; build it once and call it per request. */
export function operationMatcher(doc: OpenApiDocument): (method: string, pathname: string) => MatchResult {
  const matchPath = pathMatcher(doc);
  return (rawMethod, pathname) => {
    const method = rawMethod.toLowerCase();
    const found = matchPath(pathname);
    if (found) {
      const onPath = found.operations;
      const op =
        onPath.find((o) => o.method === method) ??
        (method === "head" ? onPath.find((o) => o.method === "get") : undefined);
      if (!op) {
        const documented = onPath.map((o) => o.method.toUpperCase()).join(", ");
        return {
          problem: `${rawMethod.toUpperCase()} is not documented for ${found.path} (documented: ${documented})`,
        };
      }
      return { match: { op, pathParams: found.pathParams, headAsGet: method === "head" && op.method === "get" } };
    }
    if (!(HTTP_METHODS as readonly string[]).includes(method))
      return { problem: `${rawMethod} is not an HTTP method OpenAPI can describe` };
    return { problem: `path ${pathname} is not in the spec` };
  };
}
