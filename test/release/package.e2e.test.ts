// `npm pack` produces a tarball that installs into a fresh project, with an ES module consumer and
// a CommonJS one as `npm init -y` makes it (one install serves both; the ES module one is a folder
// with "type": "module"): their clients load at run time (by import() and by require(); two
// APIs' clients throw the one ApiError of its `runtime` subpath), a usage file type-checks against
// them under TypeScript 5.9 and 7, its bundles are reachable by subpath, and its MSW subpaths (with
// the optional peers msw and Prism installed) answer the generated client. CI runs this file on
// every Node line (.ci/run). The install needs neither the network nor anything in the npm cache:
// the runtime dependencies and the peers are packed from this project's node_modules and served by
// a loopback registry, to npm with an empty cache of its own.
import { createHash } from "node:crypto";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { generatedRoot } from "../../scripts/registry/generated-paths.js";
import { takeCheckoutCacheFolder } from "../support/cache-folder.js";
import { run, runAsync } from "../support/run.js";
import { startTarballRegistry } from "../support/tarball-registry.js";
import { TYPESCRIPT_LINES } from "../support/typescript-lines.js";

const work = mkdtempSync(join(tmpdir(), "pack-test-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8"));
const apis = loadApis();
// npm in a cache and config of its own: what the developer's cache holds cannot matter.
const npmEnv = {
  ...process.env,
  npm_config_cache: join(work, "npm-cache"),
  npm_config_userconfig: join(work, "npmrc"),
  npm_config_loglevel: "error",
  npm_config_update_notifier: "false",
};
const npm = (args: string[], cwd: string) => run("npm", args, { cwd, env: npmEnv });

/** The folder Node would load package `name` from, seen from the package folder `from`. */
function installedDir(name: string, from: string): string | undefined {
  for (let dir = from; ; dir = resolve(dir, "..")) {
    const candidate = join(dir, "node_modules", name);
    if (existsSync(join(candidate, "package.json"))) return candidate;
    if (dir === ROOT || dir === resolve(dir, "..")) return undefined;
  }
}

/** Folders in node_modules of the given packages and everything they need at run time (their
 * dependencies, installed optional dependencies and required peers), as Node would resolve them. */
function dependencyDirs(names: string[]): string[] {
  const found = new Set<string>();
  const visit = (required: string[], optional: string[], from: string) => {
    for (const name of [...required, ...optional]) {
      const dir = installedDir(name, from);
      if (!dir) {
        if (optional.includes(name)) continue; // e.g. another platform's binary
        throw new Error(`dependency ${name} is not installed in node_modules (run npm ci)`);
      }
      if (found.has(dir)) continue;
      found.add(dir);
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
      const peers = Object.keys(manifest.peerDependencies ?? {}).filter(
        (p) => !manifest.peerDependenciesMeta?.[p]?.optional,
      );
      visit(
        [...Object.keys(manifest.dependencies ?? {}), ...peers],
        Object.keys(manifest.optionalDependencies ?? {}),
        dir,
      );
    }
  };
  visit(names, [], ROOT);
  return [...found];
}

interface Packed {
  name: string;
  version: string;
  filename: string;
  integrity: string;
  shasum: string;
}

/** `npm pack` of each dependency folder, into `into`. Packing the ~180 folders takes about 14 s and
 * gives the same bytes while the installed tree is the same: the tarballs are kept between runs
 * (test/support/cache-folder.ts) under a key of package-lock.json, the installed tree's lock
 * (node_modules/.package-lock.json), npm's version and the folders. npm checks each tarball's
 * integrity as it installs, so a damaged one fails the install. */
function packDependencies(dirs: string[], into: string): Packed[] {
  const key = createHash("sha256")
    .update(readFileSync(resolve(ROOT, "package-lock.json")))
    .update(readFileSync(resolve(ROOT, "node_modules/.package-lock.json")))
    .update(npm(["--version"], ROOT))
    .update(dirs.join("\n"))
    .digest("hex")
    .slice(0, 16);
  const cache = takeCheckoutCacheFolder("dependency-tarballs");
  try {
    // Only the current key's tarballs stay.
    for (const entry of readdirSync(cache.dir))
      if (entry !== "lock" && !entry.startsWith(key)) rmSync(join(cache.dir, entry), { recursive: true, force: true });
    const record = join(cache.dir, `${key}.json`);
    const folder = join(cache.dir, key);
    let packed: Packed[];
    if (existsSync(record)) packed = JSON.parse(readFileSync(record, "utf8")) as Packed[];
    else {
      rmSync(folder, { recursive: true, force: true });
      mkdirSync(folder);
      packed = JSON.parse(npm(["pack", "--json", "--ignore-scripts", "--pack-destination", folder, ...dirs], ROOT));
      writeFileSync(record, JSON.stringify(packed)); // last: a run stopped midway leaves no record
    }
    for (const p of packed) copyFileSync(join(folder, p.filename), join(into, p.filename));
    return packed;
  } finally {
    cache.release();
  }
}

/** The optional peers that the MSW subpaths need (msw and Prism's engine). */
const peers = Object.keys(pkg.peerDependencies ?? {});
const installedVersion = (name: string) =>
  JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version as string;

describe("the installable package", () => {
  const tarballs = join(work, "tarballs");
  let registry: { url: string; close(): Promise<void> } | undefined;
  beforeAll(async () => {
    mkdirSync(tarballs);
    npm(["pack", "--silent", "--pack-destination", tarballs], ROOT); // prepack compiles dist/
    // Our runtime dependencies and the optional peers, with their trees, served to npm by a
    // loopback registry (Prism's tree holds two versions of some packages).
    const dirs = dependencyDirs([...Object.keys(pkg.dependencies), ...peers]);
    const packed = packDependencies(dirs, tarballs);
    const dirOf = new Map(
      dirs
        .map(
          (dir) =>
            [
              JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string },
              dir,
            ] as const,
        )
        .map(([m, dir]) => [`${m.name}@${m.version}`, dir]),
    );
    registry = await startTarballRegistry(
      tarballs,
      packed.map((p) => ({ ...p, dir: dirOf.get(`${p.name}@${p.version}`)! })),
    );
  }, 300_000);
  afterAll(() => registry?.close());

  it("resolves every export subpath in a clone too (tsconfig.json paths → generated/)", () => {
    const paths: Record<string, string[]> = JSON.parse(readFileSync(resolve(ROOT, "tsconfig.json"), "utf8"))
      .compilerOptions.paths;
    for (const subpath of Object.keys(pkg.exports).filter((s) => s !== "./package.json")) {
      const rest = subpath.slice(2);
      // As TypeScript picks a pattern: the one matching with the longest text before its `*`.
      const [pattern, targets] = Object.entries(paths)
        .map(([key, targets]) => [key.split("*"), targets] as const)
        .filter(([[prefix, suffix]]) =>
          suffix === undefined
            ? `${pkg.name}/${rest}` === prefix
            : `${pkg.name}/${rest}`.startsWith(prefix!) && `${pkg.name}/${rest}`.endsWith(suffix),
        )
        .sort(([[a]], [[b]]) => b!.length - a!.length)[0] ?? [[], []];
      const star =
        pattern[1] === undefined
          ? ""
          : `${pkg.name}/${rest}`.slice(pattern[0]!.length, -pattern[1].length || undefined);
      const found = targets
        .map((t) => resolve(ROOT, t.replace("*", star)))
        .find((f) => existsSync(f) && statSync(f).isFile());
      expect(found, `${pkg.name}/${rest} resolves to no file in the clone`).toBeDefined();
    }
  });

  /** One new project with our tarball and the optional peers installed, once for both consumers
   * (npm asks only the loopback registry, which knows nothing but the packed tarballs): the
   * CommonJS one is the project as `npm init -y` makes it, the ES module one its folder esm/ with
   * "type": "module" (a package scope of its own that finds the same node_modules, as Node and
   * TypeScript resolve packages from the folders above). */
  let installing: Promise<string> | undefined;
  const installed = () =>
    (installing ??= (async () => {
      const project = join(work, "consumer");
      mkdirSync(project);
      // What a new project starts from: `npm init -y` (npm 11 writes "type": "commonjs").
      npm(["init", "-y"], project);
      expect(JSON.parse(readFileSync(join(project, "package.json"), "utf8")).type ?? "commonjs").toBe("commonjs");
      mkdirSync(join(project, "esm"));
      writeFileSync(
        join(project, "esm/package.json"),
        JSON.stringify({ name: "esm-consumer", private: true, type: "module" }),
      );
      const peerSpecs = peers.map((peer) => `${peer}@${installedVersion(peer)}`);
      await runAsync(
        "npm",
        [
          "install",
          "--no-audit",
          "--no-fund",
          "--ignore-scripts",
          join(tarballs, `${pkg.name}-${pkg.version}.tgz`),
          ...peerSpecs,
        ],
        { cwd: project, env: { ...npmEnv, npm_config_registry: `${registry!.url}/` } },
      );
      writeFileSync(join(project, "usage.ts"), usage(false));
      writeFileSync(join(project, "esm/usage.ts"), usage(true));
      return project;
    })());

  /** An API's name as a JavaScript identifier (`healthchecks-ping` → `healthchecksPing`). */
  const identifier = (name: string) => name.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  /** A usage file: every client, the runtime, the bundles' types and the MSW subpaths. In an ES
   * module it ends in a top-level await; a CommonJS file cannot have one. */
  const usage = (topLevelAwait: boolean) => `import { ApiError, type paths } from "${pkg.name}/healthchecks";
import { ApiError as RuntimeApiError, type RetryOptions } from "${pkg.name}/runtime";
export const retry: RetryOptions = { attempts: 2 };
// @ts-expect-error the runtime's machinery (runtime/internal.js) is behind no export
import { retryPolicy } from "${pkg.name}/runtime/internal.js";
export const internals: unknown = retryPolicy;
export const sameClass: typeof RuntimeApiError = ApiError;
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
${apis.map((a) => `import { mswHandlers as ${identifier(a.name)}Handlers } from "${pkg.name}/${a.name}/msw";`).join("\n")}
import { setupServer } from "msw/node";
const allHandlers = async () => (await Promise.all([${apis.map((a) => `${identifier(a.name)}Handlers()`).join(", ")}])).flat();
${topLevelAwait ? "export const server = setupServer(...(await allHandlers()));" : "export const server = async () => setupServer(...(await allHandlers()));"}
`;

  /** `tsc --strict` under every TypeScript line (5.9 and 7, at once), one program per line with
   * both consumers' usage files (CommonJS usage.ts, ES module esm/usage.ts): what each printed,
   * expected empty. */
  let typechecking: Promise<Record<string, string>> | undefined;
  const typecheck = (project: string) =>
    (typechecking ??= Promise.all(
      TYPESCRIPT_LINES.map(
        async ({ line, tsc }) =>
          [
            line,
            await runAsync(
              process.execPath,
              [
                tsc,
                "--strict",
                "--noEmit",
                "--module",
                "NodeNext",
                "--moduleResolution",
                "NodeNext",
                "--target",
                "ES2022",
                "--lib",
                "ES2023,DOM",
                "--skipLibCheck",
                "usage.ts",
                "esm/usage.ts",
              ],
              { cwd: project },
            ),
          ] as const,
      ),
    ).then(Object.fromEntries));
  const clean = Object.fromEntries(TYPESCRIPT_LINES.map(({ line }) => [line, ""]));

  /** What every consumer runs, as the body of an async function of `load` (import() or require())
   * and `loadJson`: every client, one runtime across APIs, the bundles by subpath, and in-process
   * mocking (every API's handlers load its shipped bundle into Prism; the generated client gets
   * the first named example and the 401). Prints one JSON line. */
  const check = `const apis = ${JSON.stringify(apis.map((a) => [a.name, a.client]))};
for (const [name, factory] of apis) {
  const m = await load("${pkg.name}/" + name);
  if (typeof m[factory] !== "function") throw new Error(name + ": no " + factory);
  m[factory]();
}
// One runtime: both APIs' clients throw the ApiError of openapi-five/runtime, whose index is all
// that is public; its machinery (internal.js, the other modules) is behind no export.
const runtime = await load("${pkg.name}/runtime");
const { ApiError, PaginationError } = runtime;
if (Object.keys(runtime).sort().join() !== "ApiError,IDEMPOTENT_METHODS,PaginationError,Session,unwrap") throw new Error("the runtime exports " + Object.keys(runtime));
for (const internal of ["${pkg.name}/runtime/internal.js", "${pkg.name}/runtime/internal", "${pkg.name}/dist/runtime/internal.js", "${pkg.name}/dist/runtime/retry.js"]) {
  const error = await load(internal).then(() => undefined, (e) => e);
  if (error?.code !== "ERR_PACKAGE_PATH_NOT_EXPORTED") throw new Error(internal + " is importable: " + error);
}
const refuse = async () => new Response(JSON.stringify({ error: "no" }), { status: 401, headers: { "Content-Type": "application/json" } });
const hc = await load("${pkg.name}/healthchecks"), lightrun = await load("${pkg.name}/lightrun");
for (const [m, client, path] of [[hc, hc.createHealthchecksClient({ fetch: refuse }), "/api/v1/checks/"], [lightrun, lightrun.createLightrunClient({ fetch: refuse }), "/api/v1/agent-pools"]]) {
  const error = await client.GET(path).then(m.unwrap).then(() => undefined, (e) => e);
  if (!(error instanceof ApiError) || m.ApiError !== ApiError) throw new Error("not the runtime's ApiError: " + error);
}
if (lightrun.PaginationError !== PaginationError) throw new Error("not the runtime's PaginationError");
const versions = ["openapi.json", "openapi.dereferenced.json", "openapi.3.0.json"].map((f) => loadJson("${pkg.name}/healthchecks/" + f).openapi);
const { setupServer } = await load("msw/node");
const handlers = [];
for (const [name] of apis) handlers.push(...(await (await load("${pkg.name}/" + name + "/msw")).mswHandlers()));
const server = setupServer(...handlers);
server.listen({ onUnhandledRequest: "error" });
try {
  const { data, response } = await hc.createHealthchecksClient({ apiKey: "a".repeat(32) }).GET("/api/v1/checks/");
  const anonymous = await hc.createHealthchecksClient({ apiKey: "" }).GET("/api/v1/checks/");
  console.log(JSON.stringify([versions, handlers.length, response.status, data.checks.map((c) => c.name), anonymous.response.status]));
} finally {
  server.close();
}`;
  const expected = [["3.1.0", "3.1.0", "3.0.3"], apis.length, 200, ["Api test 1", "Api test 2"], 401];

  it("installs offline into a new ES module project, which imports every client and mocks them with MSW; its types compile under TypeScript 5.9 and 7", async () => {
    const files = readdirSync(tarballs).filter((f) => f.endsWith(".tgz"));
    expect(files).toContain(`${pkg.name}-${pkg.version}.tgz`);
    expect(files).toContain(`openapi-fetch-${pkg.dependencies["openapi-fetch"]}.tgz`);
    const project = await installed();
    expect(await typecheck(project)).toEqual(clean);
    // index.js is an ES module by esm/package.json's "type" (no flag).
    writeFileSync(
      join(project, "esm/index.js"),
      `import { createRequire } from "node:module";
const load = (specifier) => import(specifier);
const loadJson = createRequire(import.meta.url);
${check}`,
    );
    expect(JSON.parse(run(process.execPath, ["index.js"], { cwd: join(project, "esm") }))).toEqual(expected);
  });

  // CommonJS consumers get our ES modules through require(), which Node has done without a flag
  // since 20.19 and 22.12 (engines says so); no dual build, so one runtime (one ApiError) is loaded.
  it("installs into a new CommonJS project (npm init -y), which require()s every client and mocks them with MSW; its types compile under TypeScript 5.9 and 7; tsx runs its .ts files", async () => {
    const project = await installed();
    expect(await typecheck(project)).toEqual(clean);
    const script = `const load = async (specifier) => require(specifier);
const loadJson = require;
(async () => {
${check}
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});`;
    writeFileSync(join(project, "index.js"), script);
    expect(JSON.parse(run(process.execPath, ["index.js"], { cwd: project }))).toEqual(expected);

    // The first file of a new project, run with tsx, as the README shows: imports compile to
    // require(); a top-level await cannot (esbuild's CommonJS output has none), in a .mts it can.
    const tsx = pathToFileURL(resolve(ROOT, "node_modules/tsx/dist/loader.mjs")).href;
    writeFileSync(
      join(project, "first.ts"),
      `import { createHealthchecksClient } from "${pkg.name}/healthchecks";
import { ApiError } from "${pkg.name}/runtime";
console.log(typeof createHealthchecksClient({ apiKey: "k" }).GET, ApiError.name);
`,
    );
    expect(run(process.execPath, ["--import", tsx, "first.ts"], { cwd: project }).trim()).toBe("function ApiError");
    const topLevel = `import { createHealthchecksClient } from "${pkg.name}/healthchecks";
const { response } = await createHealthchecksClient({ apiKey: "k", fetch: async () => new Response("{}", { status: 401 }) }).GET("/api/v1/checks/");
console.log(response.status);
`;
    writeFileSync(join(project, "top-level.ts"), topLevel);
    expect(() => run(process.execPath, ["--import", tsx, "top-level.ts"], { cwd: project })).toThrow(
      /Top-level await is currently not supported with the "cjs" output format/,
    );
    writeFileSync(join(project, "top-level.mts"), topLevel);
    expect(run(process.execPath, ["--import", tsx, "top-level.mts"], { cwd: project }).trim()).toBe("401");
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
    // Every file an export names is in the tarball (the MSW subpaths' .d.cts types included).
    const targets = (t: unknown): string[] =>
      typeof t === "string" ? [t] : Object.values(t as Record<string, unknown>).flatMap(targets);
    expect(
      Object.values(pkg.exports)
        .flatMap(targets)
        .map((t) => t.slice(2))
        .filter((t) => !published.includes(t)),
    ).toEqual([]);
    // prepack starts from an empty dist/: nothing compiled from a file generated/ no longer has.
    const orphans = published.filter(
      (f) =>
        /^dist\/.+\.js$/.test(f) &&
        !f.startsWith("dist/msw/") &&
        !existsSync(join(generatedRoot(), f.slice("dist/".length).replace(/\.js$/, ".ts"))),
    );
    expect(orphans).toEqual([]);
  });
});
