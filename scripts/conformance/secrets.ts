// Credentials a request carries, wherever it carries them (a header, a cookie, Basic auth, the
// query string, URL userinfo, a JSON or form body), and their removal from anything printed or
// reported about it. Used by the validating proxy and by `npm run verify`.
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { deref } from "../openapi/openapi.js";

export const MASK = "***";

/** Names that hold a credential: `api_key`, `X-Api-Key`, `X-Auth-Token`, `password`, `access_token`, … */
const CREDENTIAL_NAME =
  /(^|[-_.])(api[-_]?key|apikey|key|token|secret|password|passwd|pwd|pass|auth|authorization|session|sessionid|sig|signature|credentials?)$/i;

/** Shorter values are masked where they stand (a named field) but not searched for in free text. */
const MIN_SEARCHED = 4;

/** The names of the spec's apiKey schemes in `where` (`X-Api-Key` in a header, say). */
function schemeNames(doc: OpenApiDocument | undefined, where: "header" | "query" | "cookie"): Set<string> {
  const out = new Set<string>();
  if (!doc) return out;
  for (const raw of Object.values(doc.components?.securitySchemes ?? {})) {
    const scheme = deref(doc, raw);
    if (scheme.type === "apiKey" && scheme.in === where) out.add(String(scheme.name).toLowerCase());
  }
  return out;
}

export function isCredentialName(
  name: string,
  doc?: OpenApiDocument,
  where: "header" | "query" | "cookie" = "query",
): boolean {
  return CREDENTIAL_NAME.test(name) || schemeNames(doc, where).has(name.toLowerCase());
}

export interface RequestParts {
  url: URL | string;
  headers: Headers | Record<string, string | string[] | undefined>;
  /** The body as text, if known. */
  text?: string;
}

function headerEntries(headers: RequestParts["headers"]): [string, string][] {
  if (headers instanceof Headers) return [...headers.entries()];
  return Object.entries(headers).flatMap(([k, v]) =>
    v === undefined ? [] : [v].flat().map((x) => [k, String(x)] as [string, string]),
  );
}

/** Every credential value in a request (Basic auth also as its user, its password and both). */
export function requestSecrets(req: RequestParts, doc?: OpenApiDocument): string[] {
  const out = new Set<string>();
  const add = (value: string | undefined | null) => {
    if (value) out.add(value);
  };
  const url = typeof req.url === "string" ? new URL(req.url, "http://request.invalid") : req.url;
  add(decodeSafe(url.username));
  add(decodeSafe(url.password));
  for (const [name, value] of url.searchParams) if (isCredentialName(name, doc, "query")) add(value);
  for (const [name, value] of headerEntries(req.headers)) {
    const lower = name.toLowerCase();
    if (lower === "authorization" || lower === "proxy-authorization") {
      add(value);
      const [scheme, credentials] = value.split(/\s+/, 2);
      add(credentials);
      if (scheme?.toLowerCase() === "basic" && credentials) {
        const decoded = Buffer.from(credentials, "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        add(decoded);
        if (colon >= 0) {
          add(decoded.slice(0, colon));
          add(decoded.slice(colon + 1));
        }
      }
    } else if (lower === "cookie") {
      // Every cookie's value: a session cookie is named as its server likes (`lb-db`).
      for (const part of value.split(";")) add(part.slice(part.indexOf("=") + 1).trim());
    } else if (isCredentialName(name, doc, "header")) {
      add(value);
    }
  }
  if (req.text) for (const value of bodySecrets(req.text)) add(value);
  return [...out];
}

/** Credential-named fields of a JSON or form body (at any depth). */
function bodySecrets(text: string): string[] {
  const out: string[] = [];
  const walk = (value: unknown, name = "") => {
    if (typeof value === "string" || typeof value === "number") {
      if (isCredentialName(name)) out.push(String(value));
    } else if (Array.isArray(value)) {
      for (const item of value) walk(item, name);
    } else if (value && typeof value === "object") {
      for (const [k, v] of Object.entries(value)) walk(v, k);
    }
  };
  try {
    walk(JSON.parse(text));
    return out;
  } catch {
    // not JSON: read it as a form (a body that is neither yields nothing credential-named)
  }
  if (/^[^\s=&]+=/.test(text))
    for (const [name, value] of new URLSearchParams(text)) if (isCredentialName(name)) out.push(value);
  return out;
}

function decodeSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** A request target (`/path?query`) with every credential-named query value masked; the rest kept as sent. */
export function maskTarget(target: string, doc?: OpenApiDocument): string {
  const q = target.indexOf("?");
  if (q < 0) return target;
  const query = target
    .slice(q + 1)
    .split("&")
    .map((pair) => {
      const eq = pair.indexOf("=");
      const name = decodeSafe((eq < 0 ? pair : pair.slice(0, eq)).replace(/\+/g, " "));
      return eq >= 0 && isCredentialName(name, doc, "query") ? `${pair.slice(0, eq)}=${MASK}` : pair;
    })
    .join("&");
  return `${target.slice(0, q)}?${query}`;
}

/** A URL without userinfo, its credential-named query values masked. */
export function maskUrl(url: string, doc?: OpenApiDocument): string {
  try {
    const u = new URL(url);
    u.username = "";
    u.password = "";
    return maskTarget(u.toString(), doc);
  } catch {
    return maskTarget(url, doc);
  }
}

/** `text` with every occurrence of each secret (as is, URL-encoded, form-encoded) replaced by ***. */
export function redactText(text: string, secrets: readonly string[]): string {
  let out = text;
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < MIN_SEARCHED) continue;
    forms.add(s);
    forms.add(encodeURIComponent(s));
    forms.add(new URLSearchParams({ s }).toString().slice(2));
    forms.add(JSON.stringify(s).slice(1, -1));
  }
  for (const form of [...forms].sort((a, b) => b.length - a.length)) out = out.split(form).join(MASK);
  return out;
}

/** A deep copy of a JSON-able value with every string redacted. */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return redactText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => redactDeep(v, secrets)) as T;
  if (value && typeof value === "object")
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactDeep(v, secrets)])) as T;
  return value;
}
