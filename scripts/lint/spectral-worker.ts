// Spectral in a worker thread, so that `npm run dev` (and `npm run lint`) run Spectral and Redocly
// at the same time on two cores: the worker loads the ruleset once and lints what it is sent.
// This file is both sides: startSpectralWorker() in the caller, and the worker's own loop below.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { SPECTRAL_RULESET, type SpectralFinding, type SpectralLinter } from "./spectral-types.js";

type Request = { id: number; file: string; text?: string };
type Answer = { id: number; findings?: SpectralFinding[]; error?: string };

const WORKER_FLAG = "spectral-worker";

if (!isMainThread && (workerData as { role?: string } | null)?.role === WORKER_FLAG) {
  const port = parentPort!;
  // Spectral loads here only: the thread that starts the worker never pays for it.
  const spectral = import("./spectral.js").then((m) => m.createSpectral((workerData as { ruleset: string }).ruleset));
  port.on("message", async ({ id, file, text }: Request) => {
    try {
      const linter = await spectral;
      const findings = text === undefined ? await linter.lintFile(file) : await linter.lintText(text, file);
      port.postMessage({ id, findings } satisfies Answer);
    } catch (err) {
      port.postMessage({ id, error: (err as Error).stack ?? String(err) } satisfies Answer);
    }
  });
}

export interface SpectralWorker extends SpectralLinter {
  close(): Promise<void>;
}

/** Starts the worker (it loads the ruleset at once); requests are answered in order. */
export function startSpectralWorker(ruleset = SPECTRAL_RULESET): SpectralWorker {
  const self = new URL(import.meta.url);
  // Run with tsx (as every script is), the worker registers tsx itself: a worker does not
  // inherit the loader hooks `--import tsx/esm` installed in this thread.
  const entry = self.pathname.endsWith(".ts")
    ? `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${JSON.stringify(self.href)}); })`
    : `import(${JSON.stringify(self.href)})`;
  const worker = new Worker(entry, { eval: true, workerData: { role: WORKER_FLAG, ruleset } });
  const pending = new Map<number, { resolve(findings: SpectralFinding[]): void; reject(err: Error): void }>();
  let next = 0;
  let failure: Error | undefined;
  // Only a request in flight keeps the process alive (a finished `npm run lint` exits).
  worker.unref();
  const settle = (id: number) => {
    const waiter = pending.get(id);
    pending.delete(id);
    if (pending.size === 0) worker.unref();
    return waiter;
  };
  worker.on("message", ({ id, findings, error }: Answer) => {
    const waiter = settle(id);
    if (error !== undefined) waiter?.reject(new Error(`Spectral (worker): ${error}`));
    else waiter?.resolve(findings!);
  });
  const failAll = (err: Error) => {
    failure = err;
    for (const id of [...pending.keys()]) settle(id)?.reject(err);
  };
  worker.on("error", (err) => failAll(new Error(`Spectral (worker) failed: ${err.stack ?? err.message}`)));
  worker.on("exit", (code) => failAll(new Error(`Spectral (worker) exited with code ${code}`)));
  const ask = (file: string, text?: string) =>
    new Promise<SpectralFinding[]>((resolve, reject) => {
      if (failure) return reject(failure);
      const id = next++;
      pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage({ id, file, text } satisfies Request);
    });
  return {
    lintFile: (file) => ask(file),
    lintText: (text, file) => ask(file, text),
    close: async () => {
      await worker.terminate();
    },
  };
}

/** A linter that starts the worker on its first request: a run that lints nothing with Spectral
 * (every API unchanged, or a file that is not YAML) never loads it. */
export function lazySpectralWorker(ruleset = SPECTRAL_RULESET): SpectralWorker {
  let worker: SpectralWorker | undefined;
  const started = () => (worker ??= startSpectralWorker(ruleset));
  return {
    lintFile: (file) => started().lintFile(file),
    lintText: (text, file) => started().lintText(text, file),
    close: async () => worker?.close(),
  };
}
