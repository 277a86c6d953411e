// Part of the generate stage on a second thread. Its tools (openapi-typescript with TypeScript)
// take about as long to load as Redocly, which the lint-structure and bundle stages load on the
// main thread: on two cores the two loads overlap, and then bundling one API and generating
// the code of the previous one. This module is both ends: the main thread's `GenerateThread`, and
// (loaded in the worker) the loop that answers it with generate.ts's codeFiles or openapi30Forms.
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";

const ROLE = "generate-thread";

/** What the worker makes of a document: its code (codeFiles) or its 3.0 forms (openapi30Forms). */
export type GeneratePart = "code" | "openapi30";

interface Job {
  id: number;
  part: GeneratePart;
  api: ApiEntry;
  doc: OpenApiDocument;
}
type Answer =
  | { id: number; files: [string, string][]; ms: number }
  | { id: number; error: { name: string; message: string; stack?: string } };

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
    // A worker does not inherit `--import tsx/esm` (Node 20): it registers tsx itself, then loads this file.
    const self = JSON.stringify(import.meta.url);
    const boot = `import("tsx/esm/api").then((tsx) => { tsx.register(); return import(${self}); })`;
    this.worker = new Worker(boot, { eval: true, execArgv: [], workerData: { role: ROLE } });
    this.worker.on("message", (answer: Answer) => {
      const waiter = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      waiter?.resolve(answer);
    });
    const fail = (err: Error) => {
      this.failed = err;
      for (const { reject } of this.waiting.values()) reject(err);
      this.waiting.clear();
    };
    this.worker.on("error", fail);
    this.worker.on("exit", (code) => fail(new Error(`the generate thread exited (code ${code})`)));
  }

  /** Whether the worker has a job queued or running. */
  get busy(): boolean {
    return this.waiting.size > 0;
  }

  /** One part of generated/<api>/ made on the worker: its files and the milliseconds it took. */
  async generate(
    part: GeneratePart,
    api: ApiEntry,
    doc: OpenApiDocument,
  ): Promise<{ files: Map<string, string>; ms: number }> {
    if (this.failed) throw this.failed;
    const id = this.next++;
    const answer = await new Promise<Answer>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.worker.postMessage({ id, part, api, doc } satisfies Job);
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
  const { codeFiles, openapi30Forms } = await import("./generate.js");
  const { preloadSchemaTypes } = await import("./schema-types.js");
  const parts: Record<
    GeneratePart,
    (api: ApiEntry, doc: OpenApiDocument) => Promise<Map<string, string>> | Map<string, string>
  > = {
    code: codeFiles,
    openapi30: (_api, doc) => openapi30Forms(doc),
  };
  // One job at a time, in the order sent (their times are then each job's own).
  let queue = Promise.resolve();
  const run = async ({ id, part, api, doc }: Job) => {
    const start = performance.now();
    try {
      const files = await parts[part](api, doc);
      port.postMessage({ id, files: [...files], ms: performance.now() - start } satisfies Answer);
    } catch (err) {
      const e = err instanceof Error ? err : new Error(String(err));
      port.postMessage({
        id,
        error: { name: e.name, message: e.message, ...(e.stack ? { stack: e.stack } : {}) },
      } satisfies Answer);
    }
  };
  port.on("message", (job: Job) => {
    queue = queue.then(() => run(job));
  });
  await preloadSchemaTypes();
}
