// The credentials of an API's client: one per security scheme of the document that a client can
// send, as a factory option and the header it fills. A fact of the document, read here once for
// the code generator (scripts/generate/client-source.ts: the factory's options and headers) and for
// the docs (scripts/docs/code-samples.ts: the credentials each sample passes or sends).
import type { SecurityRequirementObject, SecuritySchemeObject } from "openapi3-ts/oas31";
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "./openapi-document.js";
import { deref, type OperationRef } from "./openapi.js";

/** How a credential is sent: `Authorization: Bearer …`, HTTP Basic, or an API key in a header. */
export type CredentialKind = "bearer" | "basic" | "apiKey";

export interface Credential {
  /** The security scheme's name in `components.securitySchemes`. */
  scheme: string;
  kind: CredentialKind;
  /** The client factory's option (`token`, `basic`, `apiKey`). */
  option: string;
  /** The option's TypeScript type. */
  type: string;
  /** The option's doc comment. */
  doc: string;
  /** The header the client sends it in. */
  header: string;
  /** TypeScript expression producing the header value from the option. */
  value: string;
}

/** How a client sends a scheme's credential; undefined for a cookie or query key, which the
 * clients do not send (each API here also accepts a header). */
export function credentialKind(scheme: SecuritySchemeObject): CredentialKind | undefined {
  const http = scheme.type === "http" ? String(scheme.scheme).toLowerCase() : undefined;
  if (http === "bearer") return "bearer";
  if (http === "basic") return "basic";
  if (scheme.type === "apiKey" && scheme.in === "header") return "apiKey";
  return undefined;
}

function credential(api: ApiEntry, name: string, scheme: SecuritySchemeObject, kind: CredentialKind): Credential {
  switch (kind) {
    case "bearer":
      return {
        scheme: name,
        kind,
        option: "token",
        type: "string",
        doc: `Bearer token (security scheme \`${name}\`).`,
        header: "Authorization",
        value: "`Bearer ${token}`",
      };
    case "basic":
      return {
        scheme: name,
        kind,
        option: "basic",
        type: "{ username: string; password: string }",
        doc: `HTTP Basic key and secret (security scheme \`${name}\`).`,
        header: "Authorization",
        value: "basicAuth(basic.username, basic.password)",
      };
    case "apiKey": {
      if (!scheme.name) throw new Error(`${api.name}: security scheme "${name}" (apiKey in header) names no header`);
      // A session API's header key is the token its login returns.
      const option = api.session ? "token" : "apiKey";
      return {
        scheme: name,
        kind,
        option,
        type: "string",
        doc: `Sent as \`${scheme.name}\` (security scheme \`${name}\`).`,
        header: scheme.name,
        value: option,
      };
    }
  }
}

/** Credential options, one per security scheme the client can send, in the document's order. */
export function credentialsOf(api: ApiEntry, doc: OpenApiDocument): Credential[] {
  const out: Credential[] = [];
  for (const [name, raw] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const scheme = deref<SecuritySchemeObject>(doc, raw);
    const kind = credentialKind(scheme);
    if (kind) out.push(credential(api, name, scheme, kind));
  }
  const options = out.map((c) => c.option);
  const dup = options.find((n, i) => options.indexOf(n) !== i);
  if (dup) throw new Error(`${api.name}: two security schemes map to the client option "${dup}"`);
  return out;
}

/**
 * The security scheme of an operation's first security requirement (its own, else the
 * document's), by name and resolved; undefined when the operation needs none. What a request must
 * carry: the clients turn it into a credential option, the tests and the bench into header values.
 */
export function firstRequiredScheme(
  doc: OpenApiDocument,
  op: OperationRef,
): { name: string; scheme: SecuritySchemeObject | undefined } | undefined {
  const requirements: SecurityRequirementObject[] = op.operation.security ?? doc.security ?? [];
  const first = requirements.find((r) => Object.keys(r).length > 0);
  if (!first) return undefined;
  const name = Object.keys(first)[0]!;
  const raw = doc.components?.securitySchemes?.[name];
  return { name, scheme: raw ? deref<SecuritySchemeObject>(doc, raw) : undefined };
}

/**
 * The credential that satisfies an operation's first security requirement (its own, else the
 * document's); undefined when the operation needs none. A requirement no client option sends is
 * an error, never a request sent without it.
 */
export function requiredCredential(api: ApiEntry, doc: OpenApiDocument, op: OperationRef): Credential | undefined {
  const required = firstRequiredScheme(doc, op);
  if (!required) return undefined;
  const found = credentialsOf(api, doc).find((c) => c.scheme === required.name);
  if (!found)
    throw new Error(
      `${api.name}: ${op.method.toUpperCase()} ${op.path} requires security scheme "${required.name}", which no client option sends`,
    );
  return found;
}
