// Starts the three real servers once for the live suite and stops them when the run ends (the
// exit hooks in servers.ts also stop them if the run is killed). Tests read them with
// inject("liveServers").
import type { TestProject } from "vitest/node";
import { startLiveServers, type HealthchecksServer, type LivebridgeServer } from "./servers.js";

type Described<T> = Omit<T, "close">;

export interface LiveServersInfo {
  healthchecks: Record<string, Described<HealthchecksServer>>;
  livebridge: Described<LivebridgeServer>;
}

declare module "vitest" {
  export interface ProvidedContext {
    liveServers: LiveServersInfo;
  }
}

export default async function setup(project: TestProject) {
  const servers = await startLiveServers();
  const strip = <T extends { close: unknown }>({ close: _close, ...rest }: T) => rest;
  project.provide("liveServers", {
    healthchecks: Object.fromEntries(Object.entries(servers.healthchecks).map(([v, s]) => [v, strip(s)])),
    livebridge: strip(servers.livebridge),
  });
  return () => servers.close();
}
