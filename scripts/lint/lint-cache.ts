// `npm run lint`'s memory of clean results, as `eslint --cache` keeps one: per API, the key of the
// inputs it last linted with zero findings (generated/.lint-cache.json, git-ignored, per checkout).
// An API whose inputs hash to that key again is not linted again. Findings and errors are never
// stored, so a broken spec is reported on every run; `npm run lint -- --no-cache` lints everything.
// The key covers every input that can change the outcome:
//   - every file of the API's spec folder (what its root $refs stays inside it);
//   - .spectral.yaml and redocly.yaml (the rules, the registry entry);
//   - package-lock.json and node_modules/.package-lock.json (the exact tool versions), Node's version;
//   - our code that computes findings: scripts/lint/** (the Spectral functions among it) and every
//     module scripts/commands/lint.ts imports, followed through their imports (the bundler too);
//   - the bundle that is linted: generated/<api>/openapi.json when the build is current, else a
//     bundle made in memory from the inputs above.
// Files are hashed with the build's InputHasher: one whose time and size are unchanged is not read.
// A new kind of input (say a local ruleset .spectral.yaml extends) must join CONFIGS, or a change
// to it would not be linted until another input changed.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import { listFiles, writeAtomic } from "../registry/files.js";
import { bundlePath, GENERATED } from "../registry/generated-paths.js";
import { InputHasher, readJson, readManifest, upToDate } from "../generate/input-hashes.js";
import { importClosure } from "../registry/module-imports.js";

/** API name → key of its last clean lint. */
export const LINT_CACHE = join(GENERATED, ".lint-cache.json");
const ENTRY = "scripts/commands/lint.ts";
const CONFIGS = [".spectral.yaml", "redocly.yaml", "package-lock.json", "node_modules/.package-lock.json"];
/** The lint code: scripts/lint/** and every module lint.ts reaches by relative imports (ROOT-relative). */
export function lintCode(): string[] {
  return importClosure([ENTRY, ...listFiles(join(ROOT, "scripts/lint"), ROOT)]);
}

export interface LintInputs {
  /** The digest of everything that shapes the API's findings. */
  key: string;
  /** Whether generated/<api>/openapi.json is the build of the current sources (it is the one linted). */
  current: boolean;
}

export class LintCache {
  private readonly hasher = new InputHasher();
  private readonly manifest = readManifest();
  private readonly clean: Record<string, string> = readJson<Record<string, string>>(LINT_CACHE, {});
  private readonly shared: string;
  private changed = false;

  constructor() {
    const shared = createHash("sha256").update(`lint-cache 1\0${process.version}\0`);
    for (const file of CONFIGS)
      shared.update(`${file}\0${existsSync(join(ROOT, file)) ? this.hasher.digest(file) : "absent"}\0`);
    for (const file of lintCode()) shared.update(`${file}\0${this.hasher.digest(file)}\0`);
    this.shared = shared.digest("hex");
  }

  /** The key of the API's inputs as they are now (computed before linting them). */
  inputs(api: ApiEntry): LintInputs {
    const current = upToDate(api, this.hasher.hash(api), this.manifest);
    const hash = createHash("sha256")
      .update(this.shared)
      .update(`\0${JSON.stringify({ name: api.name, root: relative(ROOT, api.root), version: api.apiVersion })}\0`);
    for (const file of listFiles(dirname(api.root), ROOT)) hash.update(`${file}\0${this.hasher.digest(file)}\0`);
    hash.update(current ? `bundle ${this.hasher.digest(relative(ROOT, bundlePath(api)))}` : "bundled in memory");
    return { key: hash.digest("hex"), current };
  }

  /** Whether the API was linted clean with exactly these inputs. */
  isClean(api: ApiEntry, inputs: LintInputs): boolean {
    return this.clean[api.name] === inputs.key;
  }

  /** Records the outcome: a clean lint is kept, anything else forgets the API. */
  record(api: ApiEntry, inputs: LintInputs, clean: boolean): void {
    const before = this.clean[api.name];
    if (clean) this.clean[api.name] = inputs.key;
    else delete this.clean[api.name];
    this.changed ||= before !== this.clean[api.name];
  }

  save(): void {
    this.hasher.save();
    if (this.changed) writeAtomic(LINT_CACHE, `${JSON.stringify(this.clean, null, 2)}\n`);
  }
}
