import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.js";
export default mergeConfig(base, defineConfig({ test: { execArgv: ["--cpu-prof", "--cpu-prof-dir=/tmp/h21t/prof"] } }));
