// A throw-away copy of the project (for tests and benchmarks) (sources, scripts, configs and, optionally, generated/) with
// node_modules linked in, for tests that break specs or rebuild from scratch.
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT } from "../registry/apis.js";
import { listFiles } from "../registry/files.js";
import { docsDir, generatedRoot } from "../registry/generated-paths.js";

/** What a sandbox copies of the project (besides generated/): everything a command run in it reads of ours. */
export const SANDBOX_COPIES = ["specs", "scripts", "redocly.yaml", ".spectral.yaml", "package.json", "tsconfig.json"];

export interface Sandbox {
  dir: string;
  run(script: string, ...args: string[]): { status: number; stdout: string; stderr: string };
  remove(): void;
}

/** `from`: the project to copy (default this one; e.g. the test run's fresh build, whose docs are
 * rendered); `withDocs`: its rendered docs too, so that a command that renders them when stale
 * (content hashes, generated/docs/manifest) finds them current. */
export function makeSandbox(options: { withGenerated: boolean; withDocs?: boolean; from?: string }): Sandbox {
  const from = options.from ?? ROOT;
  const dir = mkdtempSync(join(tmpdir(), "openapi-sandbox-"));
  for (const item of SANDBOX_COPIES) cpSync(join(from, item), join(dir, item), { recursive: true });
  if (options.withGenerated) {
    cpSync(generatedRoot(from), generatedRoot(dir), {
      recursive: true,
      filter: (src) => options.withDocs === true || !src.includes(docsDir(from)),
    });
  }
  symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
  return {
    dir,
    run(script, ...args) {
      const result = spawnSync(process.execPath, ["--import", "tsx/esm", script, ...args], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, REDOCLY_TELEMETRY: "off" },
      });
      return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Relative path → content of every committed-kind file below `dir` (build outputs excluded:
 * docs/ and dot-folders such as .mock-cache/). */
export function snapshot(dir: string): Map<string, string> {
  return new Map(
    listFiles(dir)
      .filter((f) => !f.startsWith("docs/") && !f.startsWith("."))
      .map((f) => [f, readFileSync(join(dir, f), "utf8")]),
  );
}
