// redocly.yaml loaded once as @redocly/openapi-core's Config (its rules, per-API overrides and the
// `apis:` registry); lint, bundle and the docs renderer all take it from here.
import { loadConfig, type Config } from "@redocly/openapi-core";
import { CONFIG_PATH } from "./apis.js";

let configPromise: Promise<Config> | undefined;
export function redoclyConfig(): Promise<Config> {
  configPromise ??= loadConfig({ configPath: CONFIG_PATH });
  return configPromise;
}
