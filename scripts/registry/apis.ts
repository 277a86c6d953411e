// Reads the API registry (`apis:` in redocly.yaml). Every script and test takes its list of APIs
// from here, so adding an API is one entry in redocly.yaml and one folder under specs/.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { RACY_MS, writeAtomic } from "./files.js";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const CONFIG_PATH = resolve(ROOT, "redocly.yaml");

export interface ApiEntry {
  /** Registry key, e.g. `healthchecks`; also the folder name under specs/ and generated/. */
  name: string;
  /** Absolute path of the hand-authored root document. */
  root: string;
  /** Name of the generated client factory, e.g. `createHealthchecksClient`. */
  client: string;
  /** Default port of the API's mock in `npm start`. */
  mockPort: number;
  /** For APIs whose token comes from a login operation (form post → token). */
  session?: { loginPath: string };
  /** Headers the API requires on every request that OpenAPI cannot declare (`Accept`), sent by the client. */
  clientHeaders?: Record<string, string>;
  /** For a source that describes several versions of one API (`x-api-version-history`, see
   * scripts/generate/api-versions.ts): the version this entry's document is derived for. */
  apiVersion?: string;
}

interface RawEntry {
  root?: unknown;
  "x-client"?: unknown;
  "x-mock-port"?: unknown;
  "x-session"?: { loginPath?: unknown };
  "x-client-headers"?: unknown;
  "x-api-version"?: unknown;
}

/** The checkout's registry as last parsed (git-ignored, per machine), with the modification time and
 * size of the redocly.yaml it was parsed from: every command reads the registry first, and loading
 * and running the YAML parser is ~40 ms of a command's start (a no-op build takes ~250 ms). */
const REGISTRY_CACHE = resolve(ROOT, "generated/.registry-cache.json");

interface RegistryRecord {
  mtimeMs: number;
  size: number;
  apis: unknown;
}

/** The `apis:` map of a registry file: from the cache when it is the checkout's own, unchanged. */
function readRegistry(configPath: string): unknown {
  const own = configPath === CONFIG_PATH;
  const stat = own ? statSync(configPath) : undefined;
  if (stat) {
    try {
      const kept = JSON.parse(readFileSync(REGISTRY_CACHE, "utf8")) as RegistryRecord;
      if (kept.mtimeMs === stat.mtimeMs && kept.size === stat.size) return kept.apis;
    } catch {
      // none yet, or unreadable: parse
    }
  }
  // yaml's CommonJS build, loaded by Node's own loader: as an ES module each of its files would
  // pass through tsx's resolve hook.
  const { parse } = createRequire(import.meta.url)("yaml") as typeof import("yaml");
  const apis = (parse(readFileSync(configPath, "utf8")) as { apis?: unknown } | null)?.apis;
  if (stat && stat.mtimeMs < Date.now() - RACY_MS && existsSync(dirname(REGISTRY_CACHE))) {
    try {
      writeAtomic(
        REGISTRY_CACHE,
        JSON.stringify({ mtimeMs: stat.mtimeMs, size: stat.size, apis } satisfies RegistryRecord),
      );
    } catch {
      // a read-only checkout: parse every time
    }
  }
  return apis;
}

export function loadApis(configPath = CONFIG_PATH): ApiEntry[] {
  const apis = readRegistry(configPath) as Record<string, RawEntry> | undefined;
  if (!apis || typeof apis !== "object") throw new Error(`${configPath}: no \`apis:\` registry`);
  return Object.entries(apis).map(([name, entry]) => {
    const where = `${configPath}: apis.${name}`;
    if (typeof entry.root !== "string") throw new Error(`${where}.root must be a path`);
    if (typeof entry["x-client"] !== "string") throw new Error(`${where}.x-client must name the client factory`);
    if (typeof entry["x-mock-port"] !== "number") throw new Error(`${where}.x-mock-port must be a port number`);
    const session = entry["x-session"];
    if (session && typeof session.loginPath !== "string") {
      throw new Error(`${where}.x-session needs a loginPath string`);
    }
    const headers = entry["x-client-headers"];
    if (
      headers !== undefined &&
      (headers === null || typeof headers !== "object" || Object.values(headers).some((v) => typeof v !== "string"))
    ) {
      throw new Error(`${where}.x-client-headers must map header names to strings`);
    }
    const apiVersion = entry["x-api-version"];
    if (apiVersion !== undefined && (typeof apiVersion !== "string" || !/^v\d+$/.test(apiVersion))) {
      throw new Error(`${where}.x-api-version must name a version such as v3`);
    }
    return {
      name,
      root: resolve(dirname(configPath), entry.root),
      client: entry["x-client"],
      mockPort: entry["x-mock-port"],
      ...(session ? { session: { loginPath: session.loginPath as string } } : {}),
      ...(headers ? { clientHeaders: headers as Record<string, string> } : {}),
      ...(apiVersion ? { apiVersion } : {}),
    };
  });
}

export function getApi(name: string, apis = loadApis()): ApiEntry {
  const api = apis.find((a) => a.name === name);
  if (!api) throw new Error(`unknown API "${name}"; known: ${apis.map((a) => a.name).join(", ")}`);
  return api;
}

/** Whether an earlier entry of the registry has the same root (a version derived from a shared
 * source): its sources are linted once, with the first entry. */
export function sharesEarlierRoot(api: ApiEntry, apis: ApiEntry[]): boolean {
  return apis.findIndex((a) => a.root === api.root) < apis.indexOf(api);
}
