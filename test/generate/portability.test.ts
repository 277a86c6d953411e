// Our documents fed to generators other people use, through their Node APIs: the bundled 3.1
// document through @hey-api/openapi-ts and orval, the 3.0 variant through
// openapi-typescript-codegen (openapi-typescript is the build's own generator: typecheck.test.ts).
// Each runs on each TypeScript line a consumer may have (test/support/typescript-lines.ts): in a
// child process whose `typescript` is that line (test/support/portability-generators.ts), and its
// outputs for all APIs compile under that line's `tsc --strict`, in one program per line (each
// output in a folder <generator>/<api>). A line's outputs and their verdict are kept between runs,
// only when every check passed, and generated and compiled again only when an input of theirs
// changed (generationKey): the line's tests then show as skipped, saying why.
// A generator that cannot run on a line is listed in UNSUPPORTED_TYPESCRIPT with the reason: the
// test expects exactly that failure, and fails once the generator runs there (time to add the line).
// Where a valid construct of ours breaks a generator and no equally true way to say it exists,
// the case is listed in KNOWN_UPSTREAM_BUGS with the upstream issue: the test then expects that
// failure, and only that one, and fails once the generator stops failing (time to drop the entry).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it, type TestContext } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { hashInputs, listFiles } from "../../scripts/registry/files.js";
import { generatedFile } from "../../scripts/registry/generated-paths.js";
import { takeCheckoutCacheFolder } from "../support/cache-folder.js";
import { GENERATORS, folder, type GenerationReport } from "../support/portability-generators.js";
import { run } from "../support/run.js";
import { TYPESCRIPT_LINES, type TypeScriptLine } from "../support/typescript-lines.js";

const apis = loadApis().map((a) => a.name);
// Outside the project (the outputs must compile on their own, as in a consumer's project), in a
// folder that stays between runs (test/support/cache-folder.ts): each line's tsc keeps its
// incremental build info there, so an output that is the same as last run's is not checked again.
const cache = takeCheckoutCacheFolder("portability");
const work = cache.dir;
afterAll(() => cache.release());

const KEPT_NOTE =
  "passed before with the same inputs (portability: the documents, the generators, the TypeScript line, Node); CI's fresh clone runs it, as does a change to any input";

/** Generator → TypeScript line it cannot run on → why, and the error it fails with. */
const UNSUPPORTED_TYPESCRIPT: Record<string, Record<string, { reason: string; error: RegExp }>> = {
  "@hey-api/openapi-ts": {
    // It prints its output through TypeScript's compiler API (ts.SyntaxKind, ts.factory), which
    // the `typescript` 7 package no longer exports (its root export is only the version); 0.95
    // failed reading `LineFeed`, 0.99 reading `AnyKeyword`. Run it on TypeScript 5.9.
    "7.0": {
      reason: "TypeScript 7 has no compiler API at `typescript`",
      error: /^TypeError: Cannot read properties of undefined/,
    },
  },
};

/** Generator → API → the upstream bug, and the tsc errors it causes (any other error still fails). */
const KNOWN_UPSTREAM_BUGS: Record<string, Record<string, { bug: string; errors: RegExp }>> = {};

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    noEmit: true,
    target: "ES2022",
    module: "NodeNext",
    moduleResolution: "NodeNext",
    lib: ["ES2023", "DOM", "DOM.Iterable"],
    skipLibCheck: true,
    types: [],
  },
  include: ["**/*.ts"],
};

interface LineResult {
  /** Whether this run reused a kept pass (nothing was generated or compiled). */
  kept: boolean;
  report: GenerationReport;
  /** tsc diagnostics of the line's one program, grouped by <generator>/<api> folder ("" for none). */
  errors: Map<string, string[]>;
}

/** Everything a line's generated outputs and their verdict depend on: the documents the generators
 * read, the generators and their dependencies (package-lock.json, the harness that calls them), this
 * test, the line and Node's version. */
function generationKey(line: TypeScriptLine): string {
  const inputs = apis.flatMap((api) => GENERATORS.map((g) => relative(ROOT, generatedFile(api, g.input))));
  return hashInputs(
    ROOT,
    // This file too: what it expects (the tsconfig, unsupported lines, known bugs) decides a pass.
    [
      ...new Set(inputs),
      "package-lock.json",
      "test/support/portability-generators.ts",
      relative(ROOT, import.meta.filename),
    ],
    [JSON.stringify(apis), line.line, line.packageName, line.version, process.version],
  );
}

/** The record beside a line's kept outputs: their key, the child's report and a digest of the files
 * (so that a kept folder someone changed is generated again, not trusted). */
interface KeptGeneration {
  key: string;
  report: GenerationReport;
  files: string;
}

const digestOf = (dir: string) => hashInputs(dir, listFiles(dir));

/** Whether a line's outcome is what the tests below expect (only then are its outputs kept). */
function passes(line: TypeScriptLine, report: GenerationReport, tscStatus: number | null): boolean {
  const expected = GENERATORS.every((g) => {
    const unsupported = UNSUPPORTED_TYPESCRIPT[g.name]?.[line.line];
    const outcome = report.outcomes[g.name] ?? "";
    return unsupported ? unsupported.error.test(outcome) : outcome === "ok";
  });
  return expected && report.typescript.startsWith(`${line.line}.`) && tscStatus === 0;
}

/** Generates with every generator on `line` in a child process, then compiles the outputs with its
 * tsc; unless an earlier run with the same key kept them, which it did only when they passed (the
 * same files under the same compiler, options and packages get the same verdict). */
function generateAndCompile(line: TypeScriptLine): LineResult {
  const dir = join(work, line.line);
  const keptFile = join(work, `${line.line}.generated.json`);
  const key = generationKey(line);
  const kept = existsSync(keptFile) ? (JSON.parse(readFileSync(keptFile, "utf8")) as KeptGeneration) : undefined;
  const reuse = kept?.key === key && existsSync(dir) && kept.files === digestOf(dir);
  if (reuse) return { kept: true, report: kept.report, errors: new Map() };
  // Of an earlier run only the build info stays, beside the folder.
  rmSync(keptFile, { force: true });
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const script = `import { generateAll } from ${JSON.stringify(pathToFileURL(resolve(ROOT, "test/support/portability-generators.ts")).href)};
const report = await generateAll(${JSON.stringify(apis)}, ${JSON.stringify(dir)}, ${JSON.stringify(line.packageName)});
process.stdout.write("\\nREPORT " + JSON.stringify(report) + "\\n");`;
  // Generators print progress lines; the report is the last line.
  const out = run(process.execPath, ["--import", "tsx/esm", "--input-type=module", "-e", script], { cwd: ROOT });
  const report = JSON.parse(out.slice(out.lastIndexOf("\nREPORT ") + "\nREPORT ".length)) as GenerationReport;
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG));
  const buildInfo = join(work, `${line.line}.tsbuildinfo`);
  const tsc = spawnSync(
    process.execPath,
    [line.tsc, "-p", "tsconfig.json", "--pretty", "false", "--incremental", "--tsBuildInfoFile", buildInfo],
    { cwd: dir, encoding: "utf8" },
  );
  const errors = new Map<string, string[]>();
  for (const text of `${tsc.stdout}${tsc.stderr}`.split("\n").filter((l) => /error TS\d+/.test(l))) {
    const match = /^([^/(]+)\/([^/(]+)\/[^(]*\(\d+,\d+\): (error TS\d+:.*)$/.exec(text);
    const key =
      match && GENERATORS.some((g) => folder(g) === match[1]) && apis.includes(match[2]!)
        ? `${match[1]}/${match[2]}`
        : "";
    errors.set(key, [...(errors.get(key) ?? []), match && key ? match[3]! : text]);
  }
  if (tsc.status !== 0 && errors.size === 0)
    errors.set("", [`tsc exited with ${tsc.status}: ${tsc.stdout}${tsc.stderr}`]);
  // Kept only when everything below passes: a failure is generated and compiled again next run.
  if (cache.kept && passes(line, report, tsc.status))
    writeFileSync(keptFile, JSON.stringify({ key, report, files: digestOf(dir) } satisfies KeptGeneration));
  return { kept: false, report, errors };
}

describe.each(TYPESCRIPT_LINES)("on TypeScript $line", (line) => {
  let result: LineResult | undefined;
  /** The line's result; a kept one skips the test, visibly, with why. */
  const get = (ctx: TestContext) => {
    result ??= generateAndCompile(line);
    if (result.kept) ctx.skip(KEPT_NOTE);
    return result;
  };

  it("the generators ran on that line, and their outputs compile as one program (no error outside the <generator>/<api> folders)", (ctx) => {
    const { report, errors } = get(ctx);
    expect(report.typescript.startsWith(`${line.line}.`), `the child resolved typescript ${report.typescript}`).toBe(
      true,
    );
    expect(errors.get("") ?? []).toEqual([]);
  }, 240_000);

  describe.each(GENERATORS)("$name", (generator) => {
    const unsupported = UNSUPPORTED_TYPESCRIPT[generator.name]?.[line.line];
    if (unsupported) {
      it(`does not run on TypeScript ${line.line} (${unsupported.reason})`, (ctx) => {
        const outcome = get(ctx).report.outcomes[generator.name];
        expect(
          outcome,
          `${generator.name} now runs on TypeScript ${line.line}: drop it from UNSUPPORTED_TYPESCRIPT and update the README`,
        ).not.toBe("ok");
        expect(outcome).toMatch(unsupported.error);
      }, 240_000);
      return;
    }

    it("generates every API", (ctx) => {
      expect(get(ctx).report.outcomes[generator.name]).toBe("ok");
    }, 240_000);

    it.for(apis)(
      `%s: generates from ${generator.input} and compiles under tsc --strict`,
      { timeout: 240_000 },
      (api, ctx) => {
        const found = get(ctx).errors.get(`${folder(generator)}/${api}`) ?? [];
        const known = KNOWN_UPSTREAM_BUGS[generator.name]?.[api];
        if (!known) {
          expect(found).toEqual([]);
          return;
        }
        // An expected failure: it must still fail, and only in the known way.
        expect(
          found.length,
          `${generator.name} now compiles ${api}: drop ${known.bug} from KNOWN_UPSTREAM_BUGS and the README`,
        ).toBeGreaterThan(0);
        expect(found.filter((e) => !known.errors.test(e))).toEqual([]);
      },
    );
  });
});
