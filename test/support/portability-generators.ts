// The generators of test/generate/portability.test.ts, run in a child process per TypeScript line: the
// child resolves the bare specifier `typescript` to that line's package (a module resolve hook),
// so a generator that prints code through TypeScript's API really runs on that line, as it
// would in a project whose `typescript` is that version. Generators that never load TypeScript
// run the same in both children.
import { register } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { generatedFile } from "../../scripts/registry/generated-paths.js";

export interface Generator {
  name: string;
  /** Which form of the document it reads (generated/<api>/<input>). */
  input: string;
  generate(input: string, outDir: string): Promise<void>;
}

export const GENERATORS: Generator[] = [
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
      // orval prints a line per API ("Your OpenAPI spec has been converted…").
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

/** A generator's output folder below the run's work folder: <line>/<generator>/<api>. */
export const folder = (generator: Generator) => generator.name.replace(/[@/]/g, "_");

/** What a child reports: the `typescript` version it resolved, and per generator "ok" or the error. */
export interface GenerationReport {
  typescript: string;
  outcomes: Record<string, string>;
}

/** In the child: every generator over every API into outRoot/<generator>/<api>, with the bare
 * `typescript` resolved to `typescriptPackage`. A generator that throws is reported, not fatal. */
export async function generateAll(
  apis: string[],
  outRoot: string,
  typescriptPackage: string,
): Promise<GenerationReport> {
  const hook = `export async function resolve(specifier, context, next) { return next(specifier === "typescript" ? ${JSON.stringify(typescriptPackage)} : specifier, context); }`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`, pathToFileURL(outRoot));
  const ts = (await import("typescript")) as { version?: string; default?: { version?: string } };
  const outcomes: Record<string, string> = {};
  for (const generator of GENERATORS) {
    try {
      for (const api of apis)
        await generator.generate(generatedFile(api, generator.input), join(outRoot, folder(generator), api));
      outcomes[generator.name] = "ok";
    } catch (error) {
      outcomes[generator.name] = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }
  return { typescript: ts.version ?? ts.default?.version ?? "unknown", outcomes };
}
