// What `npm run dev` does on a save, in the long-lived process that keeps everything a save does
// not change warm (Spectral's ruleset, Redocly's config, the parsed files a save did not touch,
// the build's modules). A save belongs to one source folder (specs/<api>/), which one or several
// APIs are built from (Healthchecks v1-v3 share one); each source is linted once, as `npm run lint`
// does. The page waits only for what it shows:
//   1. lint the source (every rule of `npm run lint`; a finding keeps the last good build served);
//   2. per API: bundle, write the docs' JSON, tell its open pages to re-render;
// and then, while the reader looks at the page, the rest:
//   3. the build (generated/: types, client, 3.0 forms…), Spectral on the bundles it wrote (as
//      `npm run lint` does), and a restart of the APIs' mocks on the same ports.
import { readFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import { writeAtomic } from "../registry/files.js";
import { bundlePath } from "../registry/generated-paths.js";
import { bundleApi } from "../generate/bundle.js";
import { runBuild } from "../pipeline/build-generated.js";
import { docsCopy } from "../docs/docs-copy.js";
import type { LivePreview } from "../docs/live-preview.js";
import { lintSources } from "../lint/source-lint.js";
import { formatFinding, type SpectralLinter } from "../lint/spectral.js";
import { HELD_BACK } from "../lint/yaml-parse.js";

/** The APIs built from one source folder. */
export interface Source {
  dir: string;
  apis: ApiEntry[];
}

/** The source folders of `apis`, in registry order. */
export function sourcesOf(apis: ApiEntry[]): Source[] {
  const sources = new Map<string, Source>();
  for (const api of apis) {
    const dir = dirname(api.root);
    const source = sources.get(dir) ?? { dir, apis: [] };
    sources.set(dir, { ...source, apis: [...source.apis, api] });
  }
  return [...sources.values()];
}

export interface DevLoopOptions {
  apis: ApiEntry[];
  /** Best in a worker (spectral-worker.ts): it lints while this thread runs Redocly and bundles. */
  spectral: SpectralLinter;
  preview: Pick<LivePreview, "reload" | "problem">;
  /** Where each API's docs JSON is written (`<dir>/<api>.json`). */
  docsDir: string;
  /** Restarts the mocks of `apis` on their ports (after generated/ holds their new bundles). */
  restartMocks(apis: ApiEntry[]): Promise<void>;
  log(line: string): void;
  error(line: string): void;
  /** Milliseconds a burst of file events is waited out (editors write, rename, touch). */
  settleMs?: number;
}

export interface DevLoop {
  /** A file below specs/ changed (absolute path). */
  changed(file: string): void;
  /** Lints and bundles the source of `api` once (queued like a save), when a page of it opens: a
   * first save then finds its files parsed, its schemas compiled and the code paths warm. Only
   * the sources a reader looks at: warming all six at start took ~5 CPU-s, mostly for nothing. */
  warm(api: string): void;
}

const ms = (from: number, to: number) => `${(to - from).toFixed(0)} ms`;

export function createDevLoop(options: DevLoopOptions): DevLoop {
  const { apis, spectral, preview, log, error } = options;
  const sources = sourcesOf(apis);
  // One rebuild at a time; per source, one per burst of saves (the first event's time is the save's).
  let queue = Promise.resolve();
  const waiting = new Map<string, { timer: NodeJS.Timeout; savedAt: number }>();
  /** Per source, a count of file events: a rebuild whose count is no longer the latest is superseded. */
  const generations = new Map<string, number>();
  /** Sources warmed or being warmed (a saved source is warm too: `generations` has it). */
  const warmed = new Set<string>();
  /** Saves waiting out their burst or queued: a warm-up lets them go first. */
  let savesQueued = 0;
  const savesPending = () => savesQueued > 0 || waiting.size > 0;

  /** Prints `message` once and shows it over the pages of `targets`. */
  const fail = (targets: ApiEntry[], message: string) => {
    const names = targets.map((a) => a.name).join(", ");
    error(`✘ ${message}\n(still serving the last good build of ${names})`);
    for (const api of targets)
      preview.problem(api.name, `${message}\n(still serving the last good build of ${api.name})`);
  };

  async function rebuild(source: Source, savedAt: number, generation: number): Promise<void> {
    const start = performance.now();
    const superseded = () => generations.get(source.dir) !== generation;
    const [first] = source.apis as [ApiEntry];
    // 1. Lint, once per source (with its first API's rules, as `npm run lint` does). The bundles
    // are made meanwhile (used only once the lint is clean).
    const linting = lintSources(first, spectral);
    const bundling = source.apis.map((api) => {
      const from = performance.now();
      return bundleApi(api).then(
        (doc) => ({ doc, ms: performance.now() - from }),
        (err: Error) => ({ err, ms: performance.now() - from }),
      );
    });
    let findings: string[];
    let note = "";
    try {
      const result = await linting;
      findings = result.findings;
      if (result.unparsed) note = `\n  ${HELD_BACK}`;
    } catch (err) {
      findings = [`${relative(ROOT, first.root)}: ${(err as Error).message}`];
    }
    const linted = performance.now();
    if (findings.length) {
      fail(source.apis, `${first.name}: ${findings.length} lint finding(s)\n  ${findings.join("\n  ")}${note}`);
      await Promise.all(bundling);
      return;
    }
    // 2. The pages: each API's bundle as the docs' JSON, then its pages re-render.
    const good: ApiEntry[] = [];
    for (const [i, api] of source.apis.entries()) {
      const bundled = await bundling[i]!;
      if ("err" in bundled) {
        fail([api], bundled.err.message);
        continue;
      }
      const from = performance.now();
      writeAtomic(join(options.docsDir, `${api.name}.json`), JSON.stringify(docsCopy(api, bundled.doc)));
      preview.problem(api.name, "");
      preview.reload(api.name);
      good.push(api);
      const now = performance.now();
      log(
        `✔ ${api.name} rebuilt in ${ms(savedAt, now)} (settle ${ms(savedAt, start)}, lint ${ms(start, linted)}, bundle ${bundled.ms.toFixed(0)} ms, docs JSON ${ms(from, now)}); page reloaded`,
      );
    }
    if (good.length < source.apis.length) return; // generated/ holds the last good build of all of them
    // 3. The rest: generated/, the bundles' lint, the mocks. The build reads the sources as they are
    // on disk: after a newer save it is that save's to do, once linted.
    const names = source.apis.map((a) => a.name).join(", ");
    const leftToNewer = () => log(`  ${names}: a newer save came in; generated/ and the mocks wait for it`);
    if (superseded()) return leftToNewer();
    const restStart = performance.now();
    try {
      await runBuild();
    } catch (err) {
      if (superseded()) return leftToNewer();
      fail(source.apis, (err as Error).message);
      return;
    }
    const built = performance.now();
    const bundleFindings: string[] = [];
    for (const api of source.apis) {
      const where = bundlePath(api);
      const found = await spectral.lintText(readFileSync(where, "utf8"), where);
      bundleFindings.push(...found.map((f) => `spectral ${formatFinding(f)} [in the bundle]`));
    }
    const bundlesLinted = performance.now();
    if (bundleFindings.length) {
      // The pages show the new build (its sources are clean); the mocks keep the last good one.
      fail(source.apis, `${names}: ${bundleFindings.length} lint finding(s)\n  ${bundleFindings.join("\n  ")}`);
      return;
    }
    await options.restartMocks(source.apis);
    log(
      `  ${names}: generated/ and mock${source.apis.length > 1 ? "s" : ""} updated in ${ms(restStart, performance.now())} (build ${ms(restStart, built)}, lint of the bundle ${ms(built, bundlesLinted)}, mock restart ${ms(bundlesLinted, performance.now())})`,
    );
  }

  const enqueue = (job: () => Promise<void>) => {
    queue = queue.then(job).catch((err) => error(String((err as Error).stack ?? err)));
  };

  return {
    changed(file) {
      const source = sources.find((s) => file.startsWith(s.dir + sep));
      if (!source) return;
      const pending = waiting.get(source.dir);
      const savedAt = pending?.savedAt ?? performance.now();
      const generation = (generations.get(source.dir) ?? 0) + 1;
      generations.set(source.dir, generation);
      clearTimeout(pending?.timer);
      const timer = setTimeout(() => {
        waiting.delete(source.dir);
        savesQueued++;
        enqueue(() => rebuild(source, savedAt, generation).finally(() => savesQueued--));
      }, options.settleMs ?? 30);
      waiting.set(source.dir, { timer, savedAt });
    },
    warm(name) {
      const source = sources.find((s) => s.apis.some((a) => a.name === name));
      if (!source || warmed.has(source.dir) || generations.has(source.dir)) return;
      warmed.add(source.dir);
      const start = performance.now();
      const job = async (): Promise<void> => {
        if (generations.has(source.dir)) return; // saved meanwhile: the save warmed it
        // A save (of any source) goes first, its page waiting; the warm-up comes after it.
        if (savesPending()) return void setTimeout(() => enqueue(job), options.settleMs ?? 30);
        await lintSources(source.apis[0]!, spectral).catch(() => undefined);
        for (const api of source.apis) await bundleApi(api).catch(() => undefined);
        log(
          `  (${source.apis.map((a) => a.name).join(", ")}: ready for saves, linted and bundled once in ${ms(start, performance.now())})`,
        );
      };
      enqueue(job);
    },
  };
}
