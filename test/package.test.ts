// `npm pack` produces a tarball that installs into a fresh project: its clients import at run time
// and a usage file type-checks against them, and its bundles are reachable by subpath.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../scripts/lib/apis.js";
import { expectedExports } from "../scripts/lib/package-exports.js";

const work = mkdtempSync(join(tmpdir(), "pack-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
const apis = loadApis();

describe("the installable package", () => {
  it("exports every registered API (package.json is in sync with redocly.yaml)", () => {
    expect(pkg.exports).toEqual(expectedExports(apis));
  });

  it("packs, installs offline into a new project, imports and type-checks", () => {
    execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: ROOT, stdio: "pipe", env: { ...process.env, npm_config_loglevel: "error" } });
    const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
    expect(tarball).toBeDefined();
    const project = join(work, "consumer");
    execFileSync("mkdir", ["-p", project]);
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
    // --offline: openapi-fetch comes from the npm cache that `npm ci` filled; no network in tests.
    execFileSync("npm", ["install", "--offline", "--no-audit", "--no-fund", "--silent", join(work, tarball!)], { cwd: project, stdio: "pipe" });

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
    const tsc = spawnSync(process.execPath, [resolve(ROOT, "node_modules/typescript/bin/tsc"), "--strict", "--noEmit", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--lib", "ES2023,DOM", "--skipLibCheck", "usage.ts"], { cwd: project, encoding: "utf8" });
    expect(tsc.stdout + tsc.stderr).toBe("");
    expect(tsc.status).toBe(0);

    const script = `const apis = ${JSON.stringify(apis.map((a) => [a.name, a.client]))};
for (const [name, factory] of apis) {
  const m = await import("${pkg.name}/" + name);
  if (typeof m[factory] !== "function") throw new Error(name + ": no " + factory);
  m[factory]();
}
const { createRequire } = await import("node:module");
const spec = createRequire(import.meta.url)("${pkg.name}/healthchecks/openapi.json");
console.log(spec.openapi);`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { cwd: project, encoding: "utf8" });
    expect(out.trim()).toBe("3.1.0");
  });
});
