// Small readers over a bundled OpenAPI document (local `#/...` refs only, as bundles have): the one
// HTTP method list, the one `$ref` resolver and the list of operations every stage reads.
import type {
  OpenApiDocument,
  OperationObject,
  ParameterObject,
  PathItemObject,
  ReferenceObject,
} from "./openapi-document.js";

/** The methods a Path Item can hold, in the specification's order (lowercase, as the keys are). */
export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export const isHttpMethod = (key: unknown): key is HttpMethod => (HTTP_METHODS as readonly unknown[]).includes(key);

const MAX_HOPS = 32;

function isReference(node: unknown): node is ReferenceObject {
  return node !== null && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string";
}

/**
 * What a local reference (`#/components/schemas/Check`, JSON pointer escapes `~0` `~1` undone)
 * names in `doc`; an error when it leaves the document or names nothing.
 */
export function resolvePointer(doc: OpenApiDocument, ref: string): unknown {
  if (!ref.startsWith("#/")) throw new Error(`cannot resolve $ref ${ref}: only local references (#/...) are followed`);
  let node: unknown = doc;
  for (const part of ref.slice(2).split("/")) {
    const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
    if (node === null || typeof node !== "object" || !(key in node))
      throw new Error(`cannot resolve $ref ${ref}: the document has nothing there`);
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Follows local `$ref`s until a node that is not a reference: `deref(doc, op.requestBody)` is the
 * RequestBodyObject, `deref<SchemaObject>(doc, media.schema)` the schema. Undefined stays undefined.
 * A reference that leaves the document, names nothing, or loops is an error.
 */
export function deref<T>(doc: OpenApiDocument, node: T | ReferenceObject): T;
export function deref<T>(doc: OpenApiDocument, node: T | ReferenceObject | undefined): T | undefined;
export function deref<T>(doc: OpenApiDocument, node: T | ReferenceObject | undefined): T | undefined {
  let current: unknown = node;
  for (let hops = 0; isReference(current); hops++) {
    if (hops >= MAX_HOPS)
      throw new Error(`cannot resolve $ref ${current.$ref}: more than ${MAX_HOPS} references in a row`);
    current = resolvePointer(doc, current.$ref);
  }
  return current as T | undefined;
}

/** A node of a dereferenced document (openapi.dereferenced.json), where a `$ref` left over is an error. */
export function inlined<T>(node: T | ReferenceObject): T {
  if (isReference(node)) throw new Error(`expected a dereferenced node, found $ref ${node.$ref}`);
  return node;
}

export interface OperationRef {
  path: string;
  method: HttpMethod;
  operation: OperationObject;
  /** Path-level and operation-level parameters, resolved, operation winning. */
  parameters: ParameterObject[];
}

/** Every operation of the document's paths, in document order, with its parameters resolved. */
export function listOperations(doc: OpenApiDocument): OperationRef[] {
  const out: OperationRef[] = [];
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref<PathItemObject>(doc, rawItem);
    const shared = (item.parameters ?? []).map((p) => deref(doc, p));
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const own = (operation.parameters ?? []).map((p) => deref(doc, p));
      const merged = new Map([...shared, ...own].map((p) => [`${p.in}:${p.name}`, p]));
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
