// The generate stage on a second thread. Its tools (openapi-typescript with TypeScript, yaml, the
// 3.0 converter) take about as long to load as Redocly, which the lint-structure and bundle stages
// load on the main thread: on two cores the two loads, and then bundling one API and generating
// the previous one, overlap. This module is both ends: the main thread's `GenerateThread`, and
// (loaded in the worker) the loop that answers it with generateApi().
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";

const ROLE = "generate-thread";

interface Job {
  id: number;
  api: ApiEntry;
  doc: OpenApiDocument;
}
type Answer = { id: number; files: [string, string][]; ms: number } | { id: number; error: { name: string; message: string; stack?: string } };

/** An error from the worker, as it was thrown there (name, message and stack). */
export class GenerateError extends Error {
  constructor(error: { name: string; message: string; stack?: string }) {
    super(error.message);
    this.name = error.name;
    this.stack = error.stack ?? error.message;
  }
}

export class GenerateThread {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void }>();
  private next = 0;
  private failed: Error | undefined;

  constructor() {
    // A worker does not inherit `--import tsx` (Node 20): it registers tsx itself, then loads this file.
    const self = JSON.stringify(import.meta.url);
    const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${self}); })`;
    this.worker = new Worker(boot, { eval: true, execArgv: [], workerData: { role: ROLE } });
    this.worker.on("message", (answer: Answer) => {
      this.waiting.get(answer.id)?.resolve(answer);
      this.waiting.delete(answer.id);
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const { reject } of this.waiting.values()) reject(err);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the generate thread exited (code ${code})`)));
  }

  /** generateApi(api, doc) on the worker: the files of generated/<api>/ and the milliseconds it took. */
  async generate(api: ApiEntry, doc: OpenApiDocument): Promise<{ files: Map<string, string>; ms: number }> {
    if (this.failed) throw this.failed;
    const id = this.next++;
    const answer = await new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, api, doc } satisfies Job);
    });
    if ("error" in answer) throw new GenerateError(answer.error);
    return { files: new Map(answer.files), ms: answer.ms };
  }

  async close(): Promise<void> {
    this.worker.removeAllListeners("exit");
    await this.worker.terminate();
  }
}

if (!isMainThread && (workerData as { role?: string } | null)?.role === ROLE) {
  const port = parentPort!;
  // Loaded now, while the main thread loads Redocly and bundles the first API.
  const { generateApi } = await import("./generate.js");
  // One job at a time, in the order sent (their times are then each job's own).
  let queue = Promise.resolve();
  const run = async ({ id, api, doc }: Job) => {
    const start = performance.now();
    try {
      const files = await generateApi(api, doc);
      port.postMessage({ id, files: [...files], ms: performance.now() - start } satisfies Answer);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({ id, error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) } } satisfies Answer);
    }
  };
  port.on("message", (job: Job) => {
    queue = queue.then(() => run(job));
  });
}
