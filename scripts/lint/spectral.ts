// Spectral in-process: loads .spectral.yaml (every Spectral setting; sources and bundles alike)
// once and lints any number of documents with it.
import * as fs from "node:fs";
import { createRequire } from "node:module";
import { relative } from "node:path";
import { resolveFile } from "@stoplight/json-ref-readers";
import spectralCore from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { bundleAndLoadRuleset } from "@stoplight/spectral-ruleset-bundler/with-loader";
import { Resolver } from "@stoplight/spectral-ref-resolver";
import spectralRuntime from "@stoplight/spectral-runtime";
import { ROOT } from "../registry/apis.js";
import { SEVERITY, SPECTRAL_RULESET, type SpectralLinter } from "./spectral-types.js";

export { formatFinding, SPECTRAL_RULESET, type SpectralFinding, type SpectralLinter } from "./spectral-types.js";

const { Spectral, Document } = spectralCore;

// Spectral's default resolver memoises one runner per file and appends every referrer to that
// runner's URI stack; a file referenced ~100 times (RunCloud's shared error responses) hits
// "Max uri depth (100)" and its own $refs stay unresolved, giving false findings. A resolver
// without that cache resolves each reference afresh. Only local files: specs never load URLs.
// Parsing each referenced file afresh per reference (and per run) was a tenth of a run, so
// parses are kept by file and content: a reference to an unchanged file reuses its parse. A file
// whose parse has diagnostics is parsed again each time, so that they are reported every run.
const noCache = {
  get: () => undefined,
  set: () => {},
  has: () => false,
  purge: () => {},
  stats: { hits: 0, misses: 0 },
};
type ResolveOpts = NonNullable<Parameters<Resolver["resolve"]>[1]>;
const parsedFiles = new Map<string, { text: string; data: unknown }>();
class ParseCachingResolver extends Resolver {
  override resolve(source: unknown, opts: ResolveOpts = {}) {
    const parse = opts.parseResolveResult;
    if (!parse) return super.resolve(source, opts);
    return super.resolve(source, {
      ...opts,
      async parseResolveResult(result) {
        const file = result.targetAuthority.href().replace(/\/$/, "");
        const text = String(result.result);
        const known = parsedFiles.get(file);
        if (known?.text === text) return { ...result, result: known.data };
        const parsed = await parse(result);
        const clean = (/\.json$/i.test(file) ? Parsers.Json : Parsers.Yaml).parse(text).diagnostics.length === 0;
        if (clean) parsedFiles.set(file, { text, data: parsed.result });
        else parsedFiles.delete(file);
        return parsed;
      },
    });
  }
}
const fileResolver = new ParseCachingResolver({
  resolvers: { file: { resolve: resolveFile } },
  uriCache: noCache as any,
});

// Spectral's `schema` function (the example and schema rules) compiles every schema with a fresh
// set of Ajv instances per run, keyed by the schema object: a linter that runs again and again
// (`npm run dev`, the bundle after the sources in `npm run lint`) compiled the same schemas each
// time, a third of a run. Validators are kept by the schema's content instead, across runs. A
// schema with `$ref`, `$id` or another `$` keyword (its meaning depends on other schemas) is left
// to Spectral's own per-run instances.
type Validate = ((data: unknown) => boolean) & { errors?: unknown };
type CompilerFactory = () => (schema: object, dialect: string, allErrors: boolean) => Validate;
const ajvInstances = createRequire(import.meta.url)("@stoplight/spectral-functions/dist/schema/ajv") as {
  createAjvInstances?: CompilerFactory;
};
const perRun = ajvInstances.createAjvInstances;
if (typeof perRun !== "function")
  throw new Error(
    "@stoplight/spectral-functions/dist/schema/ajv no longer exports createAjvInstances; update scripts/lint/spectral.ts",
  );
const validators = new Map<string, Validate>();
ajvInstances.createAjvInstances = () => {
  const compile = perRun();
  const keys = new WeakMap<object, string | null>();
  return (schema, dialect, allErrors) => {
    let key = keys.get(schema);
    if (key === undefined) {
      try {
        const text = JSON.stringify(schema);
        key = /"\$(?!schema")/.test(text) ? null : `${dialect} ${allErrors} ${text}`;
      } catch {
        key = null; // circular
      }
      keys.set(schema, key);
    }
    if (key === null) return compile(schema, dialect, allErrors);
    let validate = validators.get(key);
    if (!validate) {
      if (validators.size >= 20_000) validators.clear();
      validators.set(key, (validate = compile(schema, dialect, allErrors)));
    }
    return validate;
  };
};

/** `ruleset`: another ruleset file (tests lint the 3.0 variant with Spectral's own oas ruleset alone). */
export async function createSpectral(ruleset = SPECTRAL_RULESET): Promise<SpectralLinter> {
  const spectral = new Spectral({ resolver: fileResolver });
  spectral.setRuleset(await bundleAndLoadRuleset(ruleset, { fs, fetch: spectralRuntime.fetch }));
  const linter: SpectralLinter = {
    lintFile: (file) => linter.lintText(fs.readFileSync(file, "utf8"), file),
    async lintText(text, file) {
      const results = await spectral.run(new Document(text, Parsers.Yaml, file));
      return results
        .map((r) => ({
          file: relative(ROOT, r.source ?? file),
          line: r.range.start.line + 1,
          column: r.range.start.character + 1,
          severity: SEVERITY[r.severity] ?? "error",
          rule: String(r.code),
          message: r.message,
          path: r.path.join("."),
        }))
        .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
    },
  };
  return linter;
}
