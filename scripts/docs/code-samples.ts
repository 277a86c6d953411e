// Code samples for the rendered docs (`x-codeSamples`, which Redoc shows per operation): a curl
// command and a call through the API's generated TypeScript client, both built from the
// operation's named examples (the same request the conformance suite sends, see
// request-builder.ts) and with the API's own credentials. Only the docs' copy of a bundle gets
// them; the published generated/<api>/openapi.json stays as the sources say.
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { requiredCredential } from "../openapi/credentials.js";
import { defaultServerUrl, type OperationRef } from "../openapi/openapi.js";
import { buildRequest } from "../openapi/request-builder.js";

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/** Where samples import the client from: the package's subpath export. */
export const clientModule = (api: ApiEntry) => `openapi-five/${api.name}`;

export interface CredentialNames {
  /** A bearer token, or the token a login returns (Livebridge). */
  token?: string;
  /** The user name of HTTP Basic or of a login. */
  user?: string;
  /** The password of HTTP Basic or of a login. */
  secret?: string;
  /** An API key sent in a header. */
  apiKey?: string;
}

/**
 * The environment variables the samples read each credential from: one name per credential,
 * the names the README's examples and `npm run verify` use (HC_API_KEY, LB_USER, LB_PASSWORD),
 * so that one `export` serves the README, verify, the docs' samples and the mock pages.
 */
export const CREDENTIAL_ENV: Record<string, CredentialNames> = {
  lightrun: { token: "LIGHTRUN_TOKEN" },
  runcloud: { token: "RUNCLOUD_TOKEN", user: "RUNCLOUD_API_KEY", secret: "RUNCLOUD_API_SECRET" },
  lamplighter: { user: "LAMPLIGHTER_KEY", secret: "LAMPLIGHTER_SECRET" },
  livebridge: { token: "LB_TOKEN", user: "LB_USER", secret: "LB_PASSWORD" },
  healthchecks: { apiKey: "HC_API_KEY" },
  // The same account key for every Management API version.
  "healthchecks-v2": { apiKey: "HC_API_KEY" },
  "healthchecks-v3": { apiKey: "HC_API_KEY" },
};

/** The variable of one of `api`'s credentials; an API or credential without a name is an error, never a guessed name. */
export function credentialVar(api: ApiEntry, credential: keyof CredentialNames): string {
  const name = CREDENTIAL_ENV[api.name]?.[credential];
  if (!name)
    throw new Error(
      `${api.name}: no environment variable named for its ${credential} credential; add it to CREDENTIAL_ENV in scripts/docs/code-samples.ts (the name the README and verify use)`,
    );
  return name;
}

/** Every variable named in `text` as `$NAME` or `process.env.NAME`, in order of appearance. */
export function variablesIn(text: string): string[] {
  return [
    ...new Set([...text.matchAll(/\$\{?([A-Z][A-Z0-9_]*)|process\.env\.([A-Z][A-Z0-9_]*)/g)].map((m) => m[1] ?? m[2]!)),
  ];
}

const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

function queryString(op: OperationRef, query: Record<string, unknown>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    const param = op.parameters.find((p) => p.in === "query" && p.name === name);
    if (Array.isArray(value)) {
      if (param?.explode === false) params.append(name, value.join(","));
      else for (const v of value) params.append(name, String(v));
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) params.append(`${name}[${k}]`, String(v));
    } else {
      params.append(name, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

export function curlSample(api: ApiEntry, doc: OpenApiDocument, op: OperationRef): string {
  const request = buildRequest(doc, op);
  const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) =>
    encodeURIComponent(String(request.params.path?.[name])),
  );
  const url = `${defaultServerUrl(doc)}${path}${queryString(op, request.params.query ?? {})}`;
  const method = op.method === "get" ? "" : op.method === "head" ? " -I" : ` -X ${op.method.toUpperCase()}`;
  const lines = [`curl${method} ${shellQuote(url)}`];
  // The samples satisfy the operation's first security requirement (see requiredCredential).
  const credential = requiredCredential(api, doc, op);
  if (credential?.kind === "bearer") lines.push(`-H "Authorization: Bearer $${credentialVar(api, "token")}"`);
  else if (credential?.kind === "basic")
    lines.push(`-u "$${credentialVar(api, "user")}:$${credentialVar(api, "secret")}"`);
  else if (credential?.kind === "apiKey")
    lines.push(`-H "${credential.header}: $${credentialVar(api, api.session ? "token" : "apiKey")}"`);
  for (const [name, value] of Object.entries(request.params.header ?? {}))
    lines.push(`-H ${shellQuote(`${name}: ${String(value)}`)}`);
  if (request.body !== undefined) {
    const fields = Object.entries(request.body as Record<string, unknown>);
    if (request.mediaType === "application/x-www-form-urlencoded") {
      for (const [k, v] of fields)
        for (const item of [v].flat()) lines.push(`--data-urlencode ${shellQuote(`${k}=${String(item)}`)}`);
    } else if (request.mediaType === "multipart/form-data") {
      for (const [k, v] of fields)
        for (const item of [v].flat()) lines.push(`-F ${shellQuote(`${k}=${String(item)}`)}`);
    } else {
      const mediaType = request.mediaType ?? "application/json";
      lines.push(
        `-H ${shellQuote(`Content-Type: ${mediaType}`)}`,
        `--data ${shellQuote(JSON.stringify(request.body))}`,
      );
    }
  }
  return lines.join(" \\\n  ");
}

/** A JavaScript literal for an example value: identifier keys unquoted, 2-space indentation. */
function literal(value: unknown, indent = ""): string {
  if (Array.isArray(value)) {
    if (!value.length) return "[]";
    const inner = value.map((v) => `${indent}  ${literal(v, `${indent}  `)}`);
    return `[\n${inner.join(",\n")},\n${indent}]`;
  }
  if (value && typeof value === "object") {
    const entries = Object.entries(value);
    if (!entries.length) return "{}";
    const key = (k: string) => (/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k));
    const inner = entries.map(([k, v]) => `${indent}  ${key(k)}: ${literal(v, `${indent}  `)}`);
    return `{\n${inner.join(",\n")},\n${indent}}`;
  }
  return JSON.stringify(value);
}

/** Variable name for the client, e.g. `runcloud`. */
const clientVar = (api: ApiEntry) => api.name.replace(/[^A-Za-z0-9_$]/g, "_");

function clientSetup(api: ApiEntry, doc: OpenApiDocument, op: OperationRef): string[] {
  const name = clientVar(api);
  const credential = requiredCredential(api, doc, op);
  if (!credential) return [`const ${name} = ${api.client}();`];
  if (api.session) {
    return [
      `const ${name} = ${api.client}();`,
      `await ${name}.login(process.env.${credentialVar(api, "user")} ?? "", process.env.${credentialVar(api, "secret")} ?? "");`,
    ];
  }
  const value =
    credential.kind === "basic"
      ? `{ username: process.env.${credentialVar(api, "user")} ?? "", password: process.env.${credentialVar(api, "secret")} ?? "" }`
      : `process.env.${credentialVar(api, credential.option === "apiKey" ? "apiKey" : "token")}`;
  return [`const ${name} = ${api.client}({ ${credential.option}: ${value} });`];
}

export function typescriptSample(api: ApiEntry, doc: OpenApiDocument, op: OperationRef): string {
  const request = buildRequest(doc, op);
  const init: string[] = [];
  const params = Object.fromEntries(Object.entries(request.params).filter(([, v]) => v && Object.keys(v).length));
  if (Object.keys(params).length) init.push(`  params: ${literal(params, "  ")},`);
  if (request.body !== undefined) init.push(`  body: ${literal(request.body, "  ")},`);
  const call = `${clientVar(api)}.${op.method.toUpperCase()}(${JSON.stringify(op.path)}${init.length ? `, {\n${init.join("\n")}\n}` : ""})`;
  return [
    `import { ${api.client} } from "${clientModule(api)}";`,
    "",
    ...clientSetup(api, doc, op),
    `const { data, error } = await ${call};`,
  ].join("\n");
}

export function codeSamples(api: ApiEntry, doc: OpenApiDocument, op: OperationRef): CodeSample[] {
  return [
    { lang: "Shell", label: "curl", source: curlSample(api, doc, op) },
    { lang: "TypeScript", label: "TypeScript", source: typescriptSample(api, doc, op) },
  ];
}
