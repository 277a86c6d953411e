// Starts every API's Prism mock once, in this process, on free ports of 127.0.0.1, and stops them
// when the run ends. Tests read the URLs with inject("mockUrls").
import type { TestProject } from "vitest/node";
import { loadApis } from "../scripts/lib/apis.js";
import { startMocks } from "../scripts/lib/mock.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrls: Record<string, string>;
  }
}

export default async function setup(project: TestProject) {
  const mocks = await startMocks(loadApis(), { host: "127.0.0.1", port: 0, ports: undefined });
  project.provide("mockUrls", Object.fromEntries(mocks.map((m) => [m.api, m.url])));
  return async () => {
    await Promise.allSettled(mocks.map((m) => m.close()));
  };
}
