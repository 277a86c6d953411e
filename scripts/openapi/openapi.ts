// Small readers over a bundled OpenAPI document (local `#/...` refs only, as bundles have).
import type { OpenApiDocument } from "./openapi-document.js";

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

/** Follows local `$ref`s until a non-ref object is reached. */
export function deref<T = any>(doc: OpenApiDocument, node: unknown): T {
  let current: any = node;
  for (let hops = 0; current && typeof current === "object" && typeof current.$ref === "string"; hops++) {
    if (hops > 32 || !current.$ref.startsWith("#/")) throw new Error(`cannot resolve $ref ${current.$ref}`);
    current = current.$ref
      .slice(2)
      .split("/")
      .map((p: string) => p.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((obj: any, key: string) => obj?.[key], doc);
  }
  return current as T;
}

export interface OperationRef {
  path: string;
  method: HttpMethod;
  operation: Record<string, any>;
  /** Path-level and operation-level parameters, resolved, operation winning. */
  parameters: Record<string, any>[];
}

export function listOperations(doc: OpenApiDocument): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem) as Record<string, any>;
    const shared = (item.parameters ?? []).map((p: unknown) => deref(doc, p));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p: unknown) => deref(doc, p));
      const key = (p: any) => `${p.in}:${p.name}`;
      const merged = new Map<string, any>([...shared, ...own].map((p) => [key(p), p]));
      out.push({ path, method, operation, parameters: [...merged.values()] });
    }
  }
  return out;
}

/** The first server URL with its variables at their defaults. */
export function defaultServerUrl(doc: OpenApiDocument): string {
  const server = doc.servers?.[0];
  if (!server?.url) throw new Error("the spec declares no servers");
  return String(server.url).replace(/\{([^}]+)\}/g, (_m: string, name: string) => {
    const value = server.variables?.[name]?.default;
    if (value === undefined) throw new Error(`server variable {${name}} has no default`);
    return String(value);
  });
}
