// Build benchmark: our one-process build against the naive way (one CLI process per tool per API)
// doing the same work, in a throw-away copy of the project.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ApiEntry } from "../registry/apis.js";
import { generatedRoot } from "../registry/generated-paths.js";
import { makeSandbox } from "../testkit/sandbox.js";
import { median, timeRun } from "./process.js";
import { recordGoal } from "./goals.js";

const NODE = process.execPath;

function buildOnce(dir: string, args: string[]) {
  const r = timeRun(NODE, ["--import", "tsx/esm", "scripts/commands/build.ts", ...args], dir);
  if (r.status !== 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
  const stages = Object.fromEntries([...r.stdout.matchAll(/(\w+) (\d+) ms/g)].map((m) => [m[1]!, Number(m[2])]));
  const peak = Number(/peak RSS (\d+) MiB/.exec(r.stdout)?.[1] ?? 0);
  const inProcess = Number(/build done in (\d+) ms/.exec(r.stdout)?.[1] ?? 0);
  return { ms: r.ms, stages, peak, inProcess };
}

export async function benchBuild(apis: ApiEntry[], runs: number, log: (line: string) => void) {
  const box = makeSandbox({ withGenerated: false });
  try {
    const gen = generatedRoot(box.dir);
    const cold: ReturnType<typeof buildOnce>[] = [];
    for (let i = 0; i < runs; i++) {
      rmSync(gen, { recursive: true, force: true });
      cold.push(buildOnce(box.dir, ["--no-docs"]));
    }
    const noop = Array.from({ length: runs }, () => buildOnce(box.dir, ["--no-docs"]));
    const coldDocs = buildOnce(box.dir, ["--force"]);

    // The same work, the naive way: a CLI start per tool per API.
    const bin = (name: string) => join(box.dir, "node_modules/.bin", name);
    const out = join(box.dir, "naive");
    // openapi-typescript's CLI would read our redocly.yaml (all APIs) instead of the one file.
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, "redocly.yaml"), "extends: [minimal]\n");
    let naiveMs = 0;
    let naiveDocsMs = 0;
    for (const api of apis) {
      for (const [cmd, args] of [
        [bin("redocly"), ["lint", api.name]],
        [bin("redocly"), ["bundle", api.name, "-o", join(out, `${api.name}.json`)]],
        [
          bin("openapi-typescript"),
          [join(out, `${api.name}.json`), "-o", join(out, `${api.name}.d.ts`), "--redocly", join(out, "redocly.yaml")],
        ],
      ] as const) {
        const r = timeRun(cmd, [...args], box.dir, { ...process.env, REDOCLY_TELEMETRY: "off" });
        if (r.status !== 0) throw new Error(`${cmd} ${args.join(" ")} failed:\n${r.stderr}`);
        naiveMs += r.ms;
      }
      const d = timeRun(
        bin("redocly"),
        ["build-docs", api.name, "--inlineBundle", "-o", join(out, `${api.name}.html`)],
        box.dir,
        { ...process.env, REDOCLY_TELEMETRY: "off" },
      );
      if (d.status !== 0) throw new Error(`build-docs ${api.name} failed:\n${d.stderr}`);
      naiveDocsMs += d.ms;
    }

    const coldMs = median(cold.map((c) => c.ms));
    const noopMs = median(noop.map((n) => n.ms));
    const stageNames = [...new Set(cold.flatMap((c) => Object.keys(c.stages)))].filter((s) => s !== "in");
    log(`Build of all ${apis.length} APIs (bundle, types, client; wall time of \`npm run build\`, ${runs} runs)`);
    log(
      `  cold build, median            ${coldMs.toFixed(0)} ms   (runs: ${cold.map((c) => c.ms.toFixed(0)).join(", ")})`,
    );
    log(
      `  per stage, median             ${stageNames.map((s) => `${s} ${median(cold.map((c) => c.stages[s] ?? 0)).toFixed(0)} ms`).join(", ")}`,
    );
    log(`  peak RSS, cold build          ${Math.max(...cold.map((c) => c.peak))} MiB`);
    log(
      `  no-op rebuild, median         ${noopMs.toFixed(0)} ms wall, ${median(noop.map((n) => n.inProcess)).toFixed(0)} ms in-process`,
    );
    log(
      `  naive way (${apis.length * 3} CLI runs)     ${naiveMs.toFixed(0)} ms  → ours is ${(naiveMs / coldMs).toFixed(1)}× faster`,
    );
    recordGoal({
      name: `cold build of all ${apis.length} APIs (--no-docs), median wall`,
      value: coldMs,
      unit: "ms",
      kind: "max",
      limit: 3000,
    });
    recordGoal({
      name: `cold build against the naive way (${apis.length * 3} CLI runs)`,
      value: naiveMs / coldMs,
      unit: "×",
      kind: "min",
      limit: 4,
    });
    recordGoal({ name: "no-op build (--no-docs), median wall", value: noopMs, unit: "ms", kind: "max", limit: 300 });
    log(`Docs`);
    log(
      `  cold build with docs          ${coldDocs.ms.toFixed(0)} ms (docs stage ${coldDocs.stages.docs ?? 0} ms), peak RSS ${coldDocs.peak} MiB`,
    );
    log(
      `  naive: ${apis.length} × build-docs      ${naiveDocsMs.toFixed(0)} ms; naive whole pipeline ${(naiveMs + naiveDocsMs).toFixed(0)} ms → ours ${((naiveMs + naiveDocsMs) / coldDocs.ms).toFixed(1)}× faster`,
    );
  } finally {
    box.remove();
  }
}
