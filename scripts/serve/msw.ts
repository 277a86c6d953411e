// Mock Service Worker handlers for an API of this repository: the same answers as its Prism mock
// (first named example; `Prefer: code=` / `example=`; security presence and scheme checks; request
// validation and the documented answers to bad input), for tests that mock in-process instead of
// over a port. Requests to the spec's first server URL (the generated client's default baseUrl)
// are answered. The handlers themselves are msw-handlers.ts, the code the package ships; here
// they get the repository's bundle and its cached Prism operations (mock.ts).
//   const server = setupServer(...(await mswHandlers("healthchecks")));
import "./lazy-faker.js"; // before Prism: see there
import { readFileSync } from "node:fs";
import type { HttpHandler } from "msw";
import { getApi, type ApiEntry } from "../registry/apis.js";
import { mockServerOptions } from "./mock.js";
import { mswHandlersForOperations } from "../mock-engine/msw-handlers.js";
import { defaultServerUrl } from "../openapi/openapi.js";
import { bundlePath } from "../registry/generated-paths.js";

export async function mswHandlers(api: string | ApiEntry, options: { baseUrl?: string } = {}): Promise<HttpHandler[]> {
  const entry = typeof api === "string" ? getApi(api) : api;
  const baseUrl = options.baseUrl ?? defaultServerUrl(JSON.parse(readFileSync(bundlePath(entry), "utf8")));
  const { operations } = await mockServerOptions(entry);
  return mswHandlersForOperations(entry.name, operations, { baseUrl });
}
