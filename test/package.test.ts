// `npm pack` produces a tarball that installs into a fresh project: its clients import at run time
// and a usage file type-checks against them, and its bundles are reachable by subpath. The install
// needs neither the network nor anything in the npm cache: the runtime dependencies are packed
// from this project's node_modules and installed together with our tarball, offline, with an
// empty cache of its own.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../scripts/lib/apis.js";
import { expectedExports } from "../scripts/lib/package-exports.js";
import { run } from "./support/run.js";

const work = mkdtempSync(join(tmpdir(), "pack-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
const apis = loadApis();
// npm in a cache and config of its own: what the developer's cache holds cannot matter.
const npmEnv = { ...process.env, npm_config_cache: join(work, "npm-cache"), npm_config_userconfig: join(work, "npmrc"), npm_config_loglevel: "error", npm_config_update_notifier: "false" };
const npm = (args: string[], cwd: string) => run("npm", args, { cwd, env: npmEnv });

/** Folders in node_modules of our runtime dependencies and theirs, as Node would resolve them. */
function runtimeDependencyDirs(): string[] {
  const found = new Map<string, string>();
  const visit = (deps: Record<string, string> | undefined, from: string) => {
    for (const name of Object.keys(deps ?? {})) {
      const candidates = [join(from, "node_modules", name), join(ROOT, "node_modules", name)];
      const dir = candidates.find((d) => existsSync(join(d, "package.json")));
      if (!dir) throw new Error(`runtime dependency ${name} is not installed in node_modules (run npm ci)`);
      if (found.has(dir)) continue;
      found.set(dir, name);
      visit(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).dependencies, dir);
    }
  };
  visit(pkg.dependencies, ROOT);
  return [...found.keys()];
}

describe("the installable package", () => {
  it("exports every registered API (package.json is in sync with redocly.yaml)", () => {
    expect(pkg.exports).toEqual(expectedExports(apis));
  });

  const tarballs = join(work, "tarballs");
  beforeAll(() => {
    mkdirSync(tarballs);
    npm(["pack", "--silent", "--pack-destination", tarballs], ROOT); // prepack compiles dist/
    npm(["pack", "--silent", "--pack-destination", tarballs, ...runtimeDependencyDirs()], ROOT);
  });

  it("resolves every export subpath in a clone too (tsconfig.json paths → generated/)", () => {
    const targets: string[] = JSON.parse(readFileSync(resolve(ROOT, "tsconfig.json"), "utf8")).compilerOptions.paths[`${pkg.name}/*`];
    for (const subpath of Object.keys(pkg.exports).filter((s) => s !== "./package.json")) {
      const rest = subpath.slice(2);
      const found = targets.map((t) => resolve(ROOT, t.replace("*", rest))).find((f) => existsSync(f));
      expect(found, `${pkg.name}/${rest} resolves to no file in the clone`).toBeDefined();
    }
  });

  it("packs, installs offline into a new project, imports and type-checks", () => {
    const files = readdirSync(tarballs).filter((f) => f.endsWith(".tgz"));
    expect(files).toContain(`${pkg.name}-${pkg.version}.tgz`);
    expect(files).toContain(`openapi-fetch-${pkg.dependencies["openapi-fetch"]}.tgz`);
    const project = join(work, "consumer");
    mkdirSync(project);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    // Every tarball in one install: npm resolves our dependencies to the tarballs given alongside
    // and asks no registry (--offline makes any attempt fail loudly instead of reaching out).
    npm(["install", "--offline", "--no-audit", "--no-fund", ...files.map((f) => join(tarballs, f))], project);

    const usage = `import { ApiError, type paths } from "${pkg.name}/healthchecks";
${apis.map((a) => `import { ${a.client} } from "${pkg.name}/${a.name}";`).join("\n")}
type Check = paths["/api/v1/checks/"]["get"]["responses"][200]["content"]["application/json"]["checks"][number];
const client = createHealthchecksClient({ apiKey: "k", baseUrl: "http://127.0.0.1:1" });
export async function names(): Promise<string[]> {
  const { data } = await client.GET("/api/v1/checks/");
  return (data?.checks ?? []).map((c: Check) => c.name);
}
const lb = createLivebridgeClient();
export const ok: boolean = typeof lb.login === "function" && ApiError.name === "ApiError";
export const factories = [${apis.map((a) => a.client).join(", ")}];
`;
    writeFileSync(join(project, "usage.ts"), usage);
    expect(run(process.execPath, [resolve(ROOT, "node_modules/typescript/bin/tsc"), "--strict", "--noEmit", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--lib", "ES2023,DOM", "--skipLibCheck", "usage.ts"], { cwd: project })).toBe("");

    const script = `const apis = ${JSON.stringify(apis.map((a) => [a.name, a.client]))};
for (const [name, factory] of apis) {
  const m = await import("${pkg.name}/" + name);
  if (typeof m[factory] !== "function") throw new Error(name + ": no " + factory);
  m[factory]();
}
const { createRequire } = await import("node:module");
const require = createRequire(import.meta.url);
console.log(["openapi.json", "openapi.dereferenced.json", "openapi.3.0.json"].map((f) => require("${pkg.name}/healthchecks/" + f).openapi).join(" "));`;
    const out = run(process.execPath, ["--input-type=module", "-e", script], { cwd: project });
    expect(out.trim()).toBe("3.1.0 3.1.0 3.0.3");
  });

  it("is publishable: `npm publish --dry-run` passes (nothing is sent)", () => {
    expect(pkg.private, "a private package cannot be published").toBeUndefined();
    // --ignore-scripts: prepack (the dist/ compile) already ran in beforeAll. --offline and the
    // empty cache keep the dry run off the network.
    const out = npm(["publish", "--dry-run", "--offline", "--ignore-scripts", "--json"], ROOT);
    const parsed = JSON.parse(out.slice(out.indexOf("{")));
    const report = parsed[pkg.name] ?? parsed; // npm 11 keys the report by package name
    const published: string[] = report.files.map((f: { path: string }) => f.path);
    for (const { name } of apis) {
      expect(published).toContain(`dist/${name}/index.js`);
      expect(published).toContain(`generated/${name}/openapi.json`);
    }
    expect(published).toContain("README.md");
  });
});
