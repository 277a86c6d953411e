// What shapes generated/<api>/ and its hash, the key that lets the build skip an unchanged API
// (generated/manifest.json, committed). Cheap on purpose, since every command that needs
// generated/ current asks first: no tool module is loaded, and a file whose modification time and
// size match the last build's record in generated/.build-cache.json (git-ignored, per machine)
// is not read again. The hash itself is over contents only, so it is the same on every machine.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import { listFiles, RACY_MS, writeAtomic } from "../registry/files.js";
import { generatedDir, GENERATED, MANIFEST } from "../registry/generated-paths.js";

/** The code that shapes generated/ (and tool versions): a change to any of it rebuilds every API.
 * Every module the generate stage imports (test/generate/generator-code.test.ts keeps it so). */
export const GENERATOR_CODE = [
  "scripts/generate/api-versions.ts",
  "scripts/generate/bundle.ts",
  "scripts/generate/client-source.ts",
  "scripts/generate/dereference.ts",
  "scripts/generate/generate-thread.ts",
  "scripts/generate/generate.ts",
  "scripts/generate/msw-source.ts",
  "scripts/generate/openapi30.ts",
  "scripts/generate/schema-types.ts",
  "scripts/lint/spec-problems.ts",
  "scripts/openapi/credentials.ts",
  "scripts/openapi/openapi-document.ts",
  "scripts/openapi/openapi.ts",
  "scripts/openapi/schema-walk.ts",
  "scripts/registry/apis.ts",
  "scripts/registry/files.ts",
  "scripts/registry/redocly-config.ts",
];

/** Per file (relative to ROOT): modification time, size and content digest at the last hashing. */
const STAT_CACHE = join(GENERATED, ".build-cache.json");
type StatRecord = [mtimeMs: number, size: number, digest: string];

export class InputHasher {
  private readonly records: Record<string, StatRecord>;
  private readonly fresh: Record<string, StatRecord> = {};
  private changed = false;
  private readonly shared: { files: string[]; extra: string };

  constructor() {
    this.records = readJson<Record<string, StatRecord>>(STAT_CACHE, {});
    const pkg = readFileSync(resolve(ROOT, "package.json"), "utf8");
    const { dependencies, devDependencies } = JSON.parse(pkg) as Record<string, unknown>;
    this.shared = {
      files: [...listFiles(resolve(ROOT, "scripts/templates"), ROOT), ...GENERATOR_CODE, "redocly.yaml"],
      extra: `${JSON.stringify(dependencies)}\0${JSON.stringify(devDependencies)}`,
    };
  }

  /** The content digest of one file (relative to ROOT), read only when its time or size changed
   * (also `npm run lint`'s cache key, scripts/lint/lint-cache.ts). */
  digest(file: string): string {
    const seen = this.fresh[file]; // read for an earlier API (the shared inputs; Healthchecks' versions)
    if (seen) return seen[2];
    const stat = statSync(join(ROOT, file));
    const known = this.records[file];
    if (known && known[0] === stat.mtimeMs && known[1] === stat.size) {
      this.fresh[file] = known;
      return known[2];
    }
    const digest = createHash("sha256")
      .update(readFileSync(join(ROOT, file)))
      .digest("hex");
    this.fresh[file] = [stat.mtimeMs, stat.size, digest];
    this.changed = true;
    return digest;
  }

  /** The hash of everything that shapes generated/<api>/: its spec folder, the templates, the
   * generator code, redocly.yaml and the declared dependency versions. */
  hash(api: ApiEntry): string {
    const files = [...listFiles(resolve(api.root, ".."), ROOT), ...this.shared.files].sort();
    const hash = createHash("sha256");
    for (const file of files) hash.update(file).update("\0").update(this.digest(file)).update("\0");
    return hash.update(this.shared.extra).digest("hex");
  }

  /** Records what was read, for the next build (files that changed just now excepted). */
  save(): void {
    if (!this.changed || !existsSync(GENERATED)) return;
    const racy = Date.now() - RACY_MS;
    const kept = Object.fromEntries(Object.entries(this.fresh).filter(([, [mtime]]) => mtime < racy));
    writeAtomic(STAT_CACHE, JSON.stringify(kept));
  }
}

export function readJson<T>(file: string, fallback: T): T {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as T;
  } catch {
    return fallback;
  }
}

/** generated/manifest.json: the input hash each API's folder was built from. */
export function readManifest(): Record<string, string> {
  return readJson<Record<string, string>>(MANIFEST, {});
}

/** Whether generated/<api>/ holds the build of inputs hashed to `hash`. */
export function upToDate(api: ApiEntry, hash: string, manifest: Record<string, string>): boolean {
  const outDir = generatedDir(api);
  return (
    manifest[api.name] === hash && existsSync(join(outDir, "openapi.json")) && existsSync(join(outDir, "client.ts"))
  );
}

/** Whether generated/<api>/ was built from the current sources (the build would skip it). */
export function isBuilt(api: ApiEntry): boolean {
  const hasher = new InputHasher();
  const built = upToDate(api, hasher.hash(api), readManifest());
  hasher.save();
  return built;
}
