// Everything that compiles under the project's settings (tsconfig.json: strict,
// noUncheckedIndexedAccess, NodeNext), type-checked by two TypeScript lines, each started once
// over one program (test/support/typescript-lines.ts), both at the same time:
// - TypeScript 7 (the native compiler, several times faster) checks everything:
//   - the project itself: scripts, tests, the type-level tests (test/types) and generated/,
//     what `npm run typecheck` checks (there with TypeScript 5.9);
//   - every ```ts block of README.md (run as written by readme.test.ts), importing
//     `openapi-five/<api>` as a clone resolves it through tsconfig.json's paths;
//   - every TypeScript code sample of the docs (its curl twin runs in code-samples.test.ts), against
//     the generated client, with a broken control that must fail;
//   - the readOnly mechanism (openapi-typescript read/write markers + openapi-fetch): a read-only
//     field is rejected in a request body and accepted in the response, on a fixture spec because
//     none of the five vendors' request bodies shares a schema with server-owned fields.
// - TypeScript 5.9 checks what a consumer on that line compiles: generated/ (the clients, types and
//   MSW handlers, with what they import), the type-level tests of the clients (test/types), the
//   README blocks, the docs' samples with their broken control, and the readOnly fixture. (The
//   installed package under both lines, in ES module and CommonJS projects: package.e2e.test.ts.)
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it, type TestContext } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../../scripts/registry/apis.js";
import { docsSamples } from "../support/code-samples.js";
import { takeCacheFolder } from "../support/cache-folder.js";
import { keptPasses } from "../support/kept-passes.js";
import { readmeBlocks } from "../support/readme-blocks.js";
import { TYPESCRIPT_LINES, type TypeScriptLine } from "../support/typescript-lines.js";

// The extra files live in a module package of their own inside this project's node_modules, in a
// folder that stays between runs (test/support/cache-folder.ts): each line keeps its incremental
// build info there, so a run re-checks only what changed since the last one.
const cache = takeCacheFolder(resolve(ROOT, "node_modules/.cache/openapi-five-typecheck"));
const work = cache.dir;
afterAll(() => cache.release());

const samples = docsSamples();
const blocks = readmeBlocks();
// A control that must fail proves the program really checks the calls against the client.
const control = samples.find((s) => s.typescript.includes('.GET("'))!;

const readonlyUsage = (line: string) => `import createClient from "openapi-fetch";
import type { paths } from "./schema.js";
const client = createClient<paths>({ baseUrl: "http://127.0.0.1" });
export async function run() {
  const { data } = await client.POST("/things", { body: { name: "a" } });
  const id: number | undefined = data?.id;
  ${line}
  return id;
}
`;

/** Code and tools whose change can change openapi-typescript's output for the readOnly fixture. */
const SCHEMA_INPUTS = [
  "test/fixtures/types/readonly.yaml",
  "scripts/generate/schema-types.ts",
  "scripts/generate/client-source.ts", // its GENERATED_HEADER heads the output
  "package-lock.json", // openapi-typescript, TypeScript and yaml, as installed
];

/** openapi-typescript's types of the readOnly fixture, as the build renders a schema.ts. Kept in the
 * cache folder under a key of every input (SCHEMA_INPUTS and Node's version), so that a run whose
 * inputs did not change does not load openapi-typescript and TypeScript into this worker again
 * (~0.9 CPU-s); a render that fails throws and keeps nothing. */
async function readonlySchema(): Promise<string> {
  const hash = createHash("sha256").update(process.version);
  for (const file of SCHEMA_INPUTS)
    hash
      .update("\0")
      .update(file)
      .update("\0")
      .update(readFileSync(join(ROOT, file)));
  const name = `readonly-schema-${hash.digest("hex").slice(0, 16)}.ts.txt`;
  const kept = join(work, name);
  if (existsSync(kept)) return readFileSync(kept, "utf8");
  const { renderSchema } = await import("../../scripts/generate/schema-types.js");
  const text = await renderSchema(parse(readFileSync(join(ROOT, SCHEMA_INPUTS[0]!), "utf8")));
  for (const old of readdirSync(work)) if (old.startsWith("readonly-schema-")) rmSync(join(work, old), { force: true });
  writeFileSync(`${kept}.${process.pid}`, text);
  renameSync(`${kept}.${process.pid}`, kept);
  return text;
}

const line = (name: string) => TYPESCRIPT_LINES.find((l) => l.line === name)!;
/** What each line compiles besides the extra files: tsconfig.json's own `include` (the whole
 * project) on TypeScript 7; what a consumer compiles on TypeScript 5.9. */
const PROGRAMS: { line: TypeScriptLine; include: string[] }[] = [
  {
    line: line("7.0"),
    include: (JSON.parse(readFileSync(resolve(ROOT, "tsconfig.json"), "utf8")) as { include: string[] }).include,
  },
  { line: line("5.9"), include: ["generated/**/*.ts", "test/types/**/*.ts"] },
];

/** The files written beside the project for both lines (name → text), set by beforeAll. */
let extraFiles: Record<string, string> = {};
/** How many tests each line has (counted as they are declared below). */
const testsPerLine: Record<string, number> = {};

/** Diagnostics per line, then per file: "project" for the project's own files, else the path below `work`. */
const diagnostics = new Map<string, Map<string, string[]>>();

/** Each line's verdict is a kept pass (test/support/kept-passes.ts) under a key over what its
 * program read: the extra files, and the files of the line's last program as its build info names
 * them: this project's by content (with the names beside them, which could change what an import
 * resolves to), the installed packages' through package-lock.json. A run whose key passed before
 * does not start that line's tsc (~2.5 CPU-s for 5.9); its tests show as skipped, saying why. */
const kept = keptPasses("typecheck", import.meta.filename);
afterAll(() => kept.release());
/** Per line: the key it is checked under this run, whether it passed before, its tests that passed. */
const verdicts = new Map<string, { key: string | undefined; before: boolean; passedTests: number }>();

/** The key of a line's program from its build info (undefined when there is none, or a file it
 * names is not where the name says: nothing is kept then). */
function programKey(line: TypeScriptLine, buildInfo: string, extra: Record<string, string>): string | undefined {
  let names: string[];
  try {
    names = (JSON.parse(readFileSync(buildInfo, "utf8")) as { fileNames?: string[] }).fileNames ?? [];
  } catch {
    return undefined;
  }
  const files: string[] = [];
  for (const name of names) {
    const file = resolve(dirname(buildInfo), name);
    if (!existsSync(file)) return undefined;
    if (file.startsWith(`${work}/`) || file.includes("/node_modules/")) continue; // the extra files; packages
    if (!file.startsWith(`${ROOT}/`)) return undefined;
    files.push(relative(ROOT, file));
  }
  if (files.length === 0) return undefined;
  const listings = [...new Set(files.map((f) => dirname(f)))]
    .sort()
    .map((dir) => `${dir}: ${readdirSync(resolve(ROOT, dir)).sort().join(" ")}`);
  const extras = Object.entries(extra).flatMap(([file, text]) => [file, text]);
  return kept.key([line.line, line.version, ...extras, ...listings], [...files, "package-lock.json", "tsconfig.json"]);
}

/** Declares a test of line `on`: skipped when the line's verdict is kept, else counted once it passed. */
function lineTest(on: string, name: string, check: () => void): void {
  testsPerLine[on] = (testsPerLine[on] ?? 0) + 1;
  it(name, (ctx: TestContext) => {
    const verdict = verdicts.get(on)!;
    if (verdict.before) ctx.skip(kept.note);
    check();
    verdict.passedTests++;
  });
}

/** Runs `tsc -p` of one line over the program `config` describes; its diagnostics by file. */
function compile(tsc: string, config: string, buildInfo: string): Promise<Map<string, string[]>> {
  return new Promise((done, fail) => {
    const child = spawn(
      process.execPath,
      [tsc, "-p", config, "--pretty", "false", "--incremental", "--tsBuildInfoFile", buildInfo],
      { cwd: work, stdio: ["ignore", "pipe", "pipe"] },
    );
    let out = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (out += d));
    child.once("error", fail);
    child.once("close", (status) => {
      const found = new Map<string, string[]>();
      const add = (key: string, text: string) => found.set(key, [...(found.get(key) ?? []), text]);
      let last: { key: string; index: number } | undefined;
      // One diagnostic per line that names its file; a chained message continues on indented lines.
      for (const text of out.split("\n")) {
        const at = /^(.+?)\((\d+),\d+\): error TS\d+/.exec(text);
        if (/^\s+\S/.test(text) && last) found.get(last.key)![last.index] += `\n${text.trim()}`;
        else if (at) {
          const file = resolve(work, at[1]!);
          const key = file.startsWith(`${work}/`) ? relative(work, file) : "project";
          add(key, `${relative(ROOT, file)}(${at[2]}): ${text.slice(text.indexOf("error TS"))}`);
          last = { key, index: found.get(key)!.length - 1 };
        } else if (text.trim()) add("project", text);
      }
      if (status !== 0 && found.size === 0) add("project", `tsc exited with ${status} and named no error`);
      done(found);
    });
  });
}

beforeAll(async () => {
  const extra: Record<string, string> = {
    "package.json": JSON.stringify({ type: "module" }),
    ...Object.fromEntries(blocks.map((b) => [`readme/${b.name}`, b.code])),
    ...Object.fromEntries(samples.map((s, i) => [`samples/sample-${i}.ts`, s.typescript])),
    "samples/broken-control.ts": control.typescript.replace('.GET("', '.GET("/no-such-path'),
    "readonly/schema.ts": await readonlySchema(),
    "readonly/accepted.ts": readonlyUsage(`await client.POST("/things", { body: { name: "b" } });`),
    "readonly/rejected.ts": readonlyUsage(`await client.POST("/things", { body: { id: 1, name: "b" } });`),
  };
  // No file of an earlier run stays (the build info and the tsconfigs are rewritten below).
  for (const folder of ["readme", "samples", "readonly"]) rmSync(join(work, folder), { recursive: true, force: true });
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    writeFileSync(join(work, file), text);
  }
  const files = Object.keys(extra).filter((f) => /\.m?ts$/.test(f));
  await Promise.all(
    PROGRAMS.map(async ({ line, include }) => {
      // tsconfig.json's settings (paths, types, strictness) as they are, over this line's files.
      const config = join(work, `tsconfig.${line.line}.json`);
      writeFileSync(
        config,
        JSON.stringify({
          extends: resolve(ROOT, "tsconfig.json"),
          include: include.map((i) => resolve(ROOT, i)),
          files,
        }),
      );
      const buildInfo = `${config.replace(/\.json$/, "")}.tsbuildinfo`;
      const key = programKey(line, buildInfo, extra);
      const before = key !== undefined && kept.passed(key);
      verdicts.set(line.line, { key, before, passedTests: 0 });
      if (!before) diagnostics.set(line.line, await compile(line.tsc, config, buildInfo));
    }),
  );
  extraFiles = extra;
}, 240_000);

// A line whose every test passed this run is kept, under the key of the program it just compiled.
afterAll(() => {
  for (const { line } of PROGRAMS) {
    const verdict = verdicts.get(line.line);
    if (!verdict || verdict.before || verdict.passedTests !== testsPerLine[line.line]) continue;
    const key = programKey(line, join(work, `tsconfig.${line.line}.tsbuildinfo`), extraFiles);
    if (key) kept.pass(key);
  }
});

const found = (on: string, prefix: string) =>
  [...(diagnostics.get(on) ?? [])].filter(([file]) => file.startsWith(prefix)).flatMap(([, list]) => list);

describe("TypeScript 7 (one program: the project and everything below)", () => {
  lineTest(
    "7.0",
    "compiles the project: scripts, tests, test/types and generated/ under strict (what npm run typecheck checks)",
    () => {
      expect(found("7.0", "project")).toEqual([]);
    },
  );
});

describe.each(PROGRAMS.map((p) => p.line.line))("TypeScript %s (what consumers on that line compile)", (on) => {
  if (on === "5.9") {
    lineTest(on, "compiles generated/ and the clients' type-level tests (test/types) under strict", () => {
      expect(found(on, "project")).toEqual([]);
    });
  }

  lineTest(on, "compiles every README.md ts block", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(found(on, "readme/")).toEqual([]);
  });

  lineTest(
    on,
    "compiles every TypeScript code sample of the docs against the generated client (a broken control fails)",
    () => {
      expect(samples.length).toBeGreaterThan(0);
      expect(found(on, "samples/sample-")).toEqual([]);
      expect(found(on, "samples/broken-control.ts").length).toBeGreaterThan(0);
    },
  );

  lineTest(on, "rejects a read-only field in a request body, accepts it in the response", () => {
    expect(found(on, "readonly/accepted.ts")).toEqual([]);
    expect(found(on, "readonly/schema.ts")).toEqual([]);
    const rejected = found(on, "readonly/rejected.ts");
    expect(rejected.length).toBeGreaterThan(0);
    expect(
      rejected.every((d) => /rejected\.ts\(7\): error TS\d+/.test(d)),
      rejected.join("\n"),
    ).toBe(true);
  });
});
