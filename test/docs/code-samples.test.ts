// The code samples the docs show on every operation (x-codeSamples in the docs' copy of each
// bundle): every TypeScript sample compiles against the generated client (one tsc program for all
// of them), and every curl sample, pointed at the API's mock, gets the operation's documented
// success status. The published bundles carry no samples.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import ts from "typescript";
import { afterAll, describe, expect, inject, it } from "vitest";
import { ROOT, loadApis, type ApiEntry } from "../../scripts/lib/apis.js";
import type { OpenApiDocument } from "../../scripts/lib/openapi-document.js";
import { clientModule, credentialEnv, type CodeSample } from "../../scripts/lib/code-samples.js";
import { docsCopy } from "../../scripts/lib/docs-copy.js";
import { defaultServerUrl, listOperations } from "../../scripts/lib/openapi.js";

const run = promisify(execFile);
const apis = loadApis();
const published = (api: ApiEntry) => JSON.parse(readFileSync(join(ROOT, "generated", api.name, "openapi.json"), "utf8")) as OpenApiDocument;

interface Sample {
  api: ApiEntry;
  label: string;
  success: number;
  curl: string;
  typescript: string;
}

const samples: Sample[] = apis.flatMap((api) =>
  listOperations(docsCopy(api, published(api))).map(({ method, path, operation }) => {
    const list = operation["x-codeSamples"] as CodeSample[];
    const success = Object.keys(operation.responses ?? {}).filter((s) => /^2\d\d$/.test(s)).map(Number).sort()[0];
    return {
      api,
      label: `${api.name} ${method.toUpperCase()} ${path}`,
      success: success ?? NaN,
      curl: list.find((s) => s.label === "curl")?.source ?? "",
      typescript: list.find((s) => s.lang === "TypeScript")?.source ?? "",
    };
  }),
);

const work = mkdtempSync(join(tmpdir(), "code-samples-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Type-checks files in one program, importing the generated clients from this checkout. */
function typeCheck(files: Record<string, string>): string[] {
  const paths = Object.entries(files).map(([name, source]) => {
    const file = join(work, name);
    let text = source;
    for (const api of apis) text = text.split(`"${clientModule(api)}"`).join(JSON.stringify(join(ROOT, "generated", api.name, "index.js")));
    writeFileSync(file, text);
    return file;
  });
  const program = ts.createProgram(paths, {
    strict: true,
    noUncheckedIndexedAccess: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: ["node"],
    typeRoots: [join(ROOT, "node_modules/@types")],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const where = d.file ? `${d.file.fileName.slice(work.length + 1)}:${d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1}` : "";
    return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
  });
}

describe("code samples in the docs", () => {
  it("every operation has a curl and a TypeScript sample; the published bundles have none", () => {
    expect(samples.length).toBe(apis.reduce((n, api) => n + listOperations(published(api)).length, 0));
    for (const s of samples) {
      expect(s.curl, s.label).toMatch(/^curl /);
      expect(s.typescript, s.label).toContain(`import { ${s.api.client} } from "${clientModule(s.api)}"`);
      expect(s.success, `${s.label}: a documented 2xx`).toBeGreaterThanOrEqual(200);
    }
    for (const api of apis) expect(JSON.stringify(published(api))).not.toContain("x-codeSamples");
  });

  it("every TypeScript sample type-checks against the generated client (one program, with a broken control)", () => {
    const files = Object.fromEntries(samples.map((s, i) => [`sample-${i}.ts`, s.typescript]));
    // A control that must fail proves the program really checks the calls against the client.
    const first = samples.find((s) => s.typescript.includes('.GET("'))!;
    files["broken-control.ts"] = first.typescript.replace('.GET("', '.GET("/no-such-path');
    const diagnostics = typeCheck(files);
    expect(diagnostics.filter((d) => !d.startsWith("broken-control.ts:"))).toEqual([]);
    expect(diagnostics.length).toBeGreaterThan(0);
  }, 120_000);

  it("every curl sample, sent to the mock, gets the documented success status", async () => {
    const mockUrls = inject("mockUrls");
    // Values the mocks accept for each API's credentials (Healthchecks keys are 32 characters).
    const env: Record<string, string> = { ...process.env } as Record<string, string>;
    for (const api of apis) {
      const names = credentialEnv(api);
      Object.assign(env, { [names.token]: "sample-token", [names.user]: "sample-key", [names.secret]: "sample-secret", [names.apiKey]: "k".repeat(32) });
    }
    const failures: string[] = [];
    const queue = [...samples];
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const server = defaultServerUrl(published(s.api));
        const command = `${s.curl.replace(`'${server}/`, `'${mockUrls[s.api.name]}/`)} -sS -o /dev/null -w '%{http_code}'`;
        if (!s.curl.includes(`'${server}/`)) failures.push(`${s.label}: the sample does not call ${server}`);
        const { stdout } = await run("bash", ["-c", command], { env });
        if (Number(stdout) !== s.success) failures.push(`${s.label}: ${stdout} (documented ${s.success})\n${command}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(failures).toEqual([]);
  }, 120_000);
});
