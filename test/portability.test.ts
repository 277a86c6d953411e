// Our documents fed to generators other people use, through their Node APIs: the bundled 3.1
// document through @hey-api/openapi-ts and orval, the 3.0 variant through
// openapi-typescript-codegen (openapi-typescript is the build's own generator: typecheck.test.ts).
// Every output must compile under `tsc --strict`: all generators' outputs for all APIs in one tsc
// program (each in a folder <generator>/<api>/), started once.
// Where a valid construct of ours breaks a generator and no equally true way to say it exists,
// the case is listed in KNOWN_UPSTREAM_BUGS with the upstream issue: the test then expects that
// failure, and only that one, and fails once the generator stops failing (time to drop the entry).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../scripts/registry/apis.js";
import { generatedFile } from "../scripts/registry/generated-paths.js";

const apis = loadApis().map((a) => a.name);
const work = mkdtempSync(join(tmpdir(), "portability-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

interface Generator {
  name: string;
  /** Which form of the document it reads (generated/<api>/<input>). */
  input: string;
  generate(input: string, outDir: string): Promise<void>;
}

const GENERATORS: Generator[] = [
  {
    name: "@hey-api/openapi-ts",
    input: "openapi.json",
    async generate(input, outDir) {
      const { createClient } = await import("@hey-api/openapi-ts");
      await createClient({ input, output: outDir, logs: { level: "silent" } });
    },
  },
  {
    name: "orval",
    input: "openapi.json",
    async generate(input, outDir) {
      const { generate } = await import("orval");
      // orval prints a line per API, and swagger-parser's 3.1 check in it warns
      // "servers/…/variables/… must NOT have unevaluated properties" for valid server variables
      // (each has only default, description, enum); our documents' validity is tested in
      // document-forms.test.ts by another validator.
      await generate({ input: { target: input }, output: { target: join(outDir, "api.ts"), client: "fetch" } });
    },
  },
  {
    name: "openapi-typescript-codegen",
    input: "openapi.3.0.json",
    async generate(input, outDir) {
      const { generate, HttpClient } = await import("openapi-typescript-codegen");
      await generate({ input, output: outDir, httpClient: HttpClient.FETCH });
    },
  },
];

/** Generator → API → the upstream bug, and the tsc errors it causes (any other error still fails). */
const KNOWN_UPSTREAM_BUGS: Record<string, Record<string, { bug: string; errors: RegExp }>> = {
  orval: {
    // `5XX` response ranges are written as the TypeScript literal `status: 5XX`.
    runcloud: { bug: "orval-labs/orval#950 (fixed by #2652 in orval 8, which needs Node >= 22.18)", errors: /^error TS1351:/ },
    // A multi-line string `const` (the text/plain 500 body) is written unescaped.
    livebridge: { bug: "orval-labs/orval#3505 (fixed by #3582 in orval 8, which needs Node >= 22.18)", errors: /^error TS(1002|1005|1434):/ },
  },
};

const TSCONFIG = {
  compilerOptions: { strict: true, noEmit: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext", lib: ["ES2023", "DOM", "DOM.Iterable"], skipLibCheck: true, types: [] },
  include: ["**/*.ts"],
};

const folder = (generator: Generator) => generator.name.replace(/[@/]/g, "_");

/** tsc diagnostics of the one program, grouped by the <generator>/<api> folder they are in ("" for none). */
let compiled: Promise<Map<string, string[]>> | undefined;
function compileAll(): Promise<Map<string, string[]>> {
  compiled ??= (async () => {
    for (const generator of GENERATORS) {
      const dir = join(work, folder(generator));
      mkdirSync(dir);
      for (const api of apis) await generator.generate(generatedFile(api, generator.input), join(dir, api));
    }
    writeFileSync(join(work, "tsconfig.json"), JSON.stringify(TSCONFIG));
    const tsc = spawnSync(process.execPath, [resolve(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json", "--pretty", "false"], { cwd: work, encoding: "utf8" });
    const byFolder = new Map<string, string[]>();
    for (const line of `${tsc.stdout}${tsc.stderr}`.split("\n").filter((l) => /error TS\d+/.test(l))) {
      const match = /^([^/(]+)\/([^/(]+)\/[^(]*\(\d+,\d+\): (error TS\d+:.*)$/.exec(line);
      const key = match && GENERATORS.some((g) => folder(g) === match[1]) && apis.includes(match[2]!) ? `${match[1]}/${match[2]}` : "";
      byFolder.set(key, [...(byFolder.get(key) ?? []), match && key ? match[3]! : line]);
    }
    if (tsc.status !== 0 && byFolder.size === 0) byFolder.set("", [`tsc exited with ${tsc.status}: ${tsc.stdout}${tsc.stderr}`]);
    return byFolder;
  })();
  return compiled;
}

describe("all generators", () => {
  it("compile as one program (no error outside the <generator>/<api> folders)", async () => {
    expect((await compileAll()).get("") ?? []).toEqual([]);
  }, 240_000);
});

describe.each(GENERATORS)("$name", (generator) => {
  let errors = new Map<string, string[]>();
  beforeAll(async () => {
    errors = await compileAll();
  }, 240_000);

  it.each(apis)(`%s: generates from ${generator.input} and compiles under tsc --strict`, (api) => {
    const found = errors.get(`${folder(generator)}/${api}`) ?? [];
    const known = KNOWN_UPSTREAM_BUGS[generator.name]?.[api];
    if (!known) {
      expect(found).toEqual([]);
      return;
    }
    // An expected failure: it must still fail, and only in the known way.
    expect(found.length, `${generator.name} now compiles ${api}: drop ${known.bug} from KNOWN_UPSTREAM_BUGS and the README`).toBeGreaterThan(0);
    expect(found.filter((e) => !known.errors.test(e))).toEqual([]);
  });
});
