// Prism mocks started in-process through Prism's request engine (@stoplight/prism-http): one
// process for all five, about 140 MiB and about 1.5 s from process start to all five answering
// (loading Prism is most of it; startMocks itself takes ~0.3 s), against ~715 MiB and 6–9 s for
// five `prism mock` CLIs. `npm run bench -- --only mocks` measures both.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import "./lazy-faker.js"; // before Prism: see there
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import type { ApiEntry } from "../registry/apis.js";
import { writeAtomic } from "../registry/files.js";
import { createMockServer } from "../mock-engine/mock-http.js";
import { mockEngineOptions } from "../mock-engine/mock-handler.js";
import type { MockServerOptions, Operation } from "../mock-engine/mock-types.js";
import { bundlePath, MOCK_CACHE } from "../registry/generated-paths.js";

export interface MockOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** Log every request (Prism's info level); quiet by default. */
  verbose?: boolean;
  /** Validate each answer against the spec (default: no; the examples are validated by lint and tests). */
  validateResponse?: boolean;
  /** Answer CORS as the Prism CLI does by default (default true; `--no-cors` turns it off). */
  cors?: boolean;
}

export interface MockHandle {
  api: string;
  url: string;
  close(): Promise<void>;
}

const PRISM_VERSION = (createRequire(import.meta.url)("@stoplight/prism-http/package.json") as { version: string })
  .version;

type Operations = Awaited<ReturnType<typeof getHttpOperationsFromSpec>>;

/**
 * Prism's operations for an API. Deriving them (dereferencing and transforming the bundle) takes
 * ~0.4 s for RunCloud; the result is plain JSON, so it is cached in generated/.mock-cache/
 * (git-ignored), keyed by the bundle's bytes and Prism's version, and start-up only parses it.
 */
async function operationsOf(api: ApiEntry): Promise<Operations> {
  const path = bundlePath(api);
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw new Error(`${api.name}: cannot read ${path} (run \`npm run build\`): ${(err as Error).message}`);
  }
  const key = createHash("sha256").update(PRISM_VERSION).update("\0").update(text).digest("hex").slice(0, 16);
  const cached = join(MOCK_CACHE, `${api.name}-${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, "utf8")) as Operations;
  let operations: Operations;
  try {
    operations = await getHttpOperationsFromSpec(JSON.parse(text));
  } catch (err) {
    throw new Error(`${api.name}: cannot load ${path}: ${(err as Error).message}`);
  }
  for (const stale of existsSync(MOCK_CACHE) ? readdirSync(MOCK_CACHE) : []) {
    if (stale.startsWith(`${api.name}-`)) rmSync(join(MOCK_CACHE, stale), { force: true });
  }
  writeAtomic(cached, JSON.stringify(operations));
  return operations;
}

/** Prism's engine and our rules for one API, as `startMock` serves them and msw.ts hands to MSW. */
export async function mockServerOptions(
  api: ApiEntry,
  options: MockOptions = {},
): Promise<{ operations: Operation[]; options: MockServerOptions }> {
  const operations = await operationsOf(api);
  return { operations: operations as unknown as Operation[], options: mockEngineOptions(api.name, options) };
}

export async function startMock(api: ApiEntry, options: MockOptions = {}): Promise<MockHandle> {
  const host = options.host ?? "127.0.0.1";
  const port = options.port ?? api.mockPort;
  const mock = await mockServerOptions(api, options);
  const server = createMockServer(mock.operations, mock.options);
  let address: string;
  try {
    address = await server.listen(port, host);
  } catch (err) {
    // Prism rejects with the bare message string (e.g. "listen EADDRINUSE ...").
    throw new Error(
      `${api.name}: cannot listen on ${host}:${port}: ${err instanceof Error ? err.message : String(err)}`,
    );
  }
  return { api: api.name, url: address, close: () => server.close() };
}

/** Starts every mock, or none: if one fails, the others are stopped and the error says which and why. */
export async function startMocks(
  apis: ApiEntry[],
  options: MockOptions & { ports?: Record<string, number> } = {},
): Promise<MockHandle[]> {
  const results = await Promise.allSettled(
    apis.map((api) => startMock(api, { ...options, port: options.ports?.[api.name] ?? options.port ?? api.mockPort })),
  );
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
  const started = results
    .filter((r): r is PromiseFulfilledResult<MockHandle> => r.status === "fulfilled")
    .map((r) => r.value);
  if (failed.length) {
    await Promise.allSettled(started.map((m) => m.close()));
    throw new Error(failed.map((f) => (f.reason as Error).message).join("\n"));
  }
  return started;
}
