// Everything that compiles under the project's settings (tsconfig.json: strict,
// noUncheckedIndexedAccess, NodeNext) is checked in one TypeScript program, built once, since
// starting TypeScript and checking the generated clients' types is the costly part:
// - the project itself: scripts, tests, the type-level tests (test/types) and generated/, exactly
//   what `npm run typecheck` checks;
// - every ```ts block of README.md (run as written by readme.test.ts), importing
//   `openapi-five/<api>` as a clone resolves it through tsconfig.json's paths;
// - every TypeScript code sample of the docs (its curl twin runs in code-samples.test.ts), against
//   the generated client, with a broken control that must fail;
// - the readOnly mechanism (openapi-typescript read/write markers + openapi-fetch): a read-only
//   field is rejected in a request body and accepted in the response, on a fixture spec because
//   none of the five vendors' request bodies shares a schema with server-owned fields.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../scripts/registry/apis.js";
import { renderSchema } from "../scripts/build/generate.js";
import { docsSamples } from "./support/code-samples.js";
import { readmeBlocks } from "./support/readme-blocks.js";

// The extra files live in a module package of their own beside this project's node_modules.
const work = mkdtempSync(join(tmpdir(), "typecheck-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

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

/** Diagnostics per file: "project" for the project's own files, else the path below `work`. */
let diagnostics = new Map<string, string[]>();

beforeAll(async () => {
  const extra: Record<string, string> = {
    "package.json": JSON.stringify({ type: "module" }),
    ...Object.fromEntries(blocks.map((b) => [`readme/${b.name}`, b.code])),
    ...Object.fromEntries(samples.map((s, i) => [`samples/sample-${i}.ts`, s.typescript])),
    "samples/broken-control.ts": control.typescript.replace('.GET("', '.GET("/no-such-path'),
    "readonly/schema.ts": await renderSchema(parse(readFileSync(join(ROOT, "test/fixtures/types/readonly.yaml"), "utf8"))),
    "readonly/accepted.ts": readonlyUsage(`await client.POST("/things", { body: { name: "b" } });`),
    "readonly/rejected.ts": readonlyUsage(`await client.POST("/things", { body: { id: 1, name: "b" } });`),
  };
  symlinkSync(join(ROOT, "node_modules"), join(work, "node_modules"), "dir");
  for (const [file, text] of Object.entries(extra)) {
    mkdirSync(dirname(join(work, file)), { recursive: true });
    writeFileSync(join(work, file), text);
  }

  const config = ts.getParsedCommandLineOfConfigFile(resolve(ROOT, "tsconfig.json"), {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    },
  })!;
  const roots = [...config.fileNames, ...Object.keys(extra).filter((f) => f.endsWith("ts")).map((f) => join(work, f))];
  const program = ts.createProgram({ rootNames: roots, options: config.options, configFileParsingDiagnostics: config.errors });
  for (const d of [...config.errors, ...ts.getPreEmitDiagnostics(program)]) {
    const file = d.file?.fileName;
    const key = file?.startsWith(`${work}/`) ? relative(work, file) : "project";
    const where = d.file ? `${relative(ROOT, d.file.fileName)}(${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1})` : "tsconfig.json";
    diagnostics.set(key, [...(diagnostics.get(key) ?? []), `${where}: error TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`]);
  }
}, 240_000);

const found = (prefix: string) => [...diagnostics].filter(([file]) => file.startsWith(prefix)).flatMap(([, list]) => list);

describe("TypeScript (one program)", () => {
  it("compiles the project: scripts, tests, test/types and generated/ under strict (npm run typecheck)", () => {
    expect(found("project")).toEqual([]);
  });

  it("compiles every README.md ts block", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(5);
    expect(found("readme/")).toEqual([]);
  });

  it("compiles every TypeScript code sample of the docs against the generated client (a broken control fails)", () => {
    expect(samples.length).toBeGreaterThan(0);
    expect(found("samples/sample-")).toEqual([]);
    expect(found("samples/broken-control.ts").length).toBeGreaterThan(0);
  });

  it("rejects a read-only field in a request body, accepts it in the response", () => {
    expect(found("readonly/accepted.ts")).toEqual([]);
    expect(found("readonly/schema.ts")).toEqual([]);
    const rejected = found("readonly/rejected.ts");
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected.every((d) => /rejected\.ts\(7\): error TS\d+/.test(d)), rejected.join("\n")).toBe(true);
  });
});
