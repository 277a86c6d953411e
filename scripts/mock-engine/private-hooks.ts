// Every place this repository reaches past another package's public API, in one module. Each hook
// is checked when it is taken: an upgrade that moves what it relies on fails here, with an error
// naming the package, the installed and the expected version, and what moved, instead of breaking
// somewhere later. test/mock-engine/private-hooks.test.ts takes each one and checks it still does its job.
// Nothing is loaded until a hook is asked for: this module ships in the package (dist/msw, through
// mock-http.ts), where @redocly/cli is not installed.
import { existsSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);

/** The versions the hooks were written against (the exact versions package.json pins). */
export const HOOKED_VERSIONS = {
  "@redocly/cli": "2.77.0",
  "@stoplight/prism-http": "5.12.0",
  "@stoplight/prism-http-server": "5.12.2",
} as const;
type HookedPackage = keyof typeof HOOKED_VERSIONS;

function installedVersion(pkg: HookedPackage): string {
  try {
    return (require(`${pkg}/package.json`) as { version: string }).version;
  } catch {
    return "(not installed)";
  }
}

export class PrivateHookError extends Error {
  override readonly name = "PrivateHookError";
  constructor(pkg: HookedPackage | "node", what: string) {
    const versions =
      pkg === "node"
        ? `Node ${process.version} (written for Node 20)`
        : `${pkg} ${installedVersion(pkg)} (written for ${HOOKED_VERSIONS[pkg]})`;
    super(`${versions}: ${what}; update scripts/mock-engine/private-hooks.ts for this version`);
  }
}

/** `require(pkg/file)`, as a PrivateHookError when the file is gone. */
function requirePrivate(pkg: HookedPackage, file: string): Record<string, unknown> {
  try {
    return require(`${pkg}/${file}`) as Record<string, unknown>;
  } catch (err) {
    throw new PrivateHookError(pkg, `cannot load ${pkg}/${file} (${(err as Error).message.split("\n")[0]})`);
  }
}

function exportedFunction<T>(pkg: HookedPackage, file: string, name: string): T {
  const value = requirePrivate(pkg, file)[name];
  if (typeof value !== "function")
    throw new PrivateHookError(pkg, `${pkg}/${file} no longer exports the function ${name}`);
  return value as T;
}

// --- @redocly/cli: build-docs in-process -------------------------------------------------------

/** build-docs' handler: renders `argv.api` to the HTML file `argv.o` with Redoc's server-side rendering. */
export type BuildDocsHandler = (args: { argv: Record<string, unknown>; config: unknown }) => Promise<void>;

/**
 * Redocly CLI has no Node API for build-docs; its handler lives in a chunk whose name is a hash
 * of the pinned version's build. Calling it in-process saves a ~1 s CLI start per API.
 */
export const BUILD_DOCS_CHUNK = "@redocly/cli/lib/chunks/UBYAHYID.js";
let buildDocs: Promise<BuildDocsHandler> | undefined;

export function redoclyBuildDocsHandler(): Promise<BuildDocsHandler> {
  buildDocs ??= import(BUILD_DOCS_CHUNK).then(
    (chunk: { handlerBuildCommand?: unknown }) => {
      if (typeof chunk.handlerBuildCommand !== "function")
        throw new PrivateHookError("@redocly/cli", `${BUILD_DOCS_CHUNK} no longer exports handlerBuildCommand`);
      return chunk.handlerBuildCommand as BuildDocsHandler;
    },
    (err: Error) => {
      throw new PrivateHookError("@redocly/cli", `cannot load ${BUILD_DOCS_CHUNK} (${err.message.split("\n")[0]})`);
    },
  );
  return buildDocs;
}

/** The Redoc 3 browser bundle build-docs would inline (an ES module exporting `hydrate`); its path. */
export function redocStandalonePath(): string {
  const path = join(dirname(require.resolve("@redocly/cli/package.json")), "lib/chunks/redoc.standalone.js");
  if (!existsSync(path))
    throw new PrivateHookError("@redocly/cli", `${path} is gone (the Redoc bundle the docs pages load)`);
  return path;
}

// --- @stoplight/prism-http: its router ---------------------------------------------------------

/** Prism's router: the operation (`resources`) a request (`input`) reaches, or an error (fp-ts Either). */
export type PrismRoute = (args: { resources: { path: string }[]; input: { url: { path: string } } }) => unknown;

/** Prism's own router (not exported by the package), which mock-router.ts fronts with a preselection. */
export function prismRouter(): PrismRoute {
  return exportedFunction<PrismRoute>("@stoplight/prism-http", "dist/router/index.js", "default");
}

/** A check of Prism's validator: the request (`element`) against its operation (`resource`); fp-ts Either. */
export type PrismValidation = (args: { resource: unknown; element: unknown }) => { _tag: "Left" | "Right" };
/** One of Prism's parameter or body validators: `target` against `specs` (context 0: a request). */
export type PrismTargetValidator = (
  target: unknown,
  specs: unknown,
  context: 0,
  ...rest: unknown[]
) => { _tag: "Left" | "Right" };
/** A security scheme's check of a request, as Prism's validator finds it for the scheme. */
export type PrismSecurityHandler = (input: unknown, name: string) => { _tag: "Left" | "Right" };

export interface PrismRequestChecks {
  /** Prism's whole checks, as its engine runs them on every request. */
  validateSecurity: PrismValidation;
  validateInput: PrismValidation;
  /** The parts validateInput is made of (validator/validators/index.js): its body check (the
   * parameter checks are composed again from their deserializers, below). */
  validateBody: PrismTargetValidator;
  /** The parts validateSecurity is made of (validator/validators/security/handlers). */
  findSecurityHandler: (scheme: unknown) => { _tag: "Left" } | { _tag: "Right"; right: PrismSecurityHandler };
  noneSecurityHandler: (input: unknown) => { _tag: "Left" | "Right" };
  /** The Content-Type header's boundary and media type, as validateInput reads them. */
  parseMIMEHeader: (header: string) => [string | undefined, string];
  wildcardMediaTypeMatch: (mediaType: string, pattern: string) => boolean;
  /** uri-template-lite's Template, with which validateInput reads path parameters. */
  UriTemplate: new (template: string) => { match(uri: string): Record<string, string> | null };
  /** The parts validateBody is made of: its schema check (an fp-ts Option of the errors; the
   * compiled ajv validator cached per schema object), the two steps with which it prepares a
   * request body's schema (allOf merged, readOnly properties dropped; an fp-ts Option), and the
   * type-is it reads media types with. */
  validateAgainstSchema: (
    value: unknown,
    schema: object,
    coerce: boolean,
    context: 0,
    prefix: string,
    bundle?: unknown,
  ) => { _tag: "None" | "Some" };
  stripReadOnlyProperties: (schema: object) => { _tag: "None" } | { _tag: "Some"; value: object };
  mergeAllOf: (schema: object, options: { deep: boolean; ignoreAdditionalProperties: boolean }) => object;
  typeIs: (mediaType: string, types: string[]) => string | false;
  /** The parts validateHeaders, validateQuery and validatePath are made of (validators/params.js):
   * the deserializers of each parameter style, and the lodash it builds the parameters' schema
   * and values with. */
  deserializers: Record<"header" | "query" | "path", Record<string, PrismDeserializer>>;
  lodash: PrismLodash;
}

/** A parameter style's deserializer: the value of parameter `name` in `target` (names lower-cased). */
export type PrismDeserializer = (
  name: string,
  target: Record<string, unknown>,
  schema: unknown,
  explode: boolean,
) => unknown;
type Dictionary = Record<string, unknown>;
export interface PrismLodash {
  keyBy<T>(items: T[], key: (item: T) => string): Record<string, T>;
  mapValues(object: Dictionary, map: string | ((value: never) => unknown)): Dictionary;
  pickBy(object: Dictionary): Dictionary;
  compact<T>(items: (T | undefined)[]): T[];
  mapKeys(object: Dictionary, map: (value: unknown, key: string) => string): Dictionary;
}

function deserializersOf(module: Record<string, unknown>): PrismRequestChecks["deserializers"] {
  for (const kind of ["header", "query", "path"]) {
    const styles = module[kind] as Dictionary | undefined;
    if (!styles || typeof styles.simple !== "function")
      throw new PrivateHookError(
        "@stoplight/prism-http",
        `dist/validator/deserializers/index.js no longer exports the ${kind} deserializers`,
      );
  }
  return module as PrismRequestChecks["deserializers"];
}

/** A package Prism itself requires (its own copy), as a PrivateHookError when it is gone. */
function prismDependency<T>(name: string, check: (module: T) => boolean): T {
  let module: T;
  try {
    module = createRequire(require.resolve("@stoplight/prism-http"))(name) as T;
  } catch (err) {
    throw new PrivateHookError(
      "@stoplight/prism-http",
      `cannot load its ${name} (${(err as Error).message.split("\n")[0]})`,
    );
  }
  if (!check(module))
    throw new PrivateHookError("@stoplight/prism-http", `its ${name} no longer has the export relied on`);
  return module;
}

/**
 * Prism's request checks (security, then parameters and body), which its engine runs on every
 * request, and the parts they are made of, from which mock-validation.ts composes the same
 * checks with the work that does not depend on the request done once per operation.
 */
export function prismRequestChecks(): PrismRequestChecks {
  const validators = requirePrivate("@stoplight/prism-http", "dist/validator/validators/index.js");
  const validator = (name: string) => {
    if (typeof validators[name] !== "function")
      throw new PrivateHookError(
        "@stoplight/prism-http",
        `dist/validator/validators/index.js no longer exports the function ${name}`,
      );
    return validators[name] as PrismTargetValidator;
  };
  const handlers = "dist/validator/validators/security/handlers/index.js";
  const uriTemplate = prismDependency<{ URI?: { Template?: unknown } }>(
    "uri-template-lite",
    (m) => typeof m.URI?.Template === "function",
  );
  return {
    validateSecurity: exportedFunction("@stoplight/prism-http", "dist/validator/index.js", "validateSecurity"),
    validateInput: exportedFunction("@stoplight/prism-http", "dist/validator/index.js", "validateInput"),
    validateBody: validator("validateBody"),
    findSecurityHandler: exportedFunction("@stoplight/prism-http", handlers, "findSecurityHandler"),
    noneSecurityHandler: exportedFunction("@stoplight/prism-http", handlers, "noneSecurityHandler"),
    parseMIMEHeader: exportedFunction(
      "@stoplight/prism-http",
      "dist/validator/validators/headers.js",
      "parseMIMEHeader",
    ),
    wildcardMediaTypeMatch: exportedFunction(
      "@stoplight/prism-http",
      "dist/validator/utils/wildcardMediaTypeMatch.js",
      "wildcardMediaTypeMatch",
    ),
    UriTemplate: uriTemplate.URI!.Template as PrismRequestChecks["UriTemplate"],
    validateAgainstSchema: exportedFunction(
      "@stoplight/prism-http",
      "dist/validator/validators/utils.js",
      "validateAgainstSchema",
    ),
    stripReadOnlyProperties: exportedFunction(
      "@stoplight/prism-http",
      "dist/utils/filterRequiredProperties.js",
      "stripReadOnlyProperties",
    ),
    mergeAllOf: prismDependency<PrismRequestChecks["mergeAllOf"]>(
      "@stoplight/json-schema-merge-allof",
      (m) => typeof m === "function",
    ),
    typeIs: prismDependency<{ is: PrismRequestChecks["typeIs"] }>("type-is", (m) => typeof m.is === "function").is,
    deserializers: deserializersOf(requirePrivate("@stoplight/prism-http", "dist/validator/deserializers/index.js")),
    lodash: prismDependency<PrismLodash>("lodash", (m) =>
      ["keyBy", "mapValues", "pickBy", "compact", "mapKeys"].every(
        (f) => typeof (m as unknown as Dictionary)[f] === "function",
      ),
    ),
  };
}

/** A validator ajv compiled: true when valid; its `errors` then describe the last call's problems. */
export type AjvValidator = ((value: unknown) => boolean) & { errors?: unknown[] | null };

/**
 * Runs `run` and returns the validators Prism's ajv compiled meanwhile (ajv's compile, called by
 * Prism's validateAgainstSchema when its per-schema cache has none). Prism keeps that compiled
 * validator and calls it on every later check of the same schema object, so a caller that makes
 * the first check of a schema object of its own here holds the very validator Prism would use.
 * It wraps ajv's (Prism's copy's) compile for the duration of `run`, which must be synchronous.
 */
export function ajvCompiledDuring(run: () => void): AjvValidator[] {
  const core = prismDependency<{ default?: { prototype?: { compile?: unknown } } }>(
    "ajv/dist/core",
    (m) => typeof m.default?.prototype?.compile === "function",
  );
  const prototype = core.default!.prototype as { compile: (this: unknown, ...args: unknown[]) => AjvValidator };
  const compile = prototype.compile;
  const compiled: AjvValidator[] = [];
  let depth = 0;
  prototype.compile = function capturing(...args) {
    depth++;
    try {
      const validator = compile.apply(this, args);
      if (depth === 1) compiled.push(validator);
      return validator;
    } finally {
      depth--;
    }
  };
  try {
    run();
  } finally {
    prototype.compile = compile;
  }
  return compiled;
}

// --- @stoplight/prism-http-server: what its HTTP server does around the engine ------------------

export interface PrismServerInternals {
  /** The request's mock preferences (`Prefer: code=…, example=…, dynamic=…`), as an fp-ts Either. */
  getHttpConfigFromRequest: (input: unknown) => unknown;
  /** A mock body serialised for its media type (JSON, XML, text), as the server sends it. */
  serialize: (body: unknown, contentType: unknown) => string | undefined;
}

/** Two functions of Prism's HTTP server, which mock-http.ts replaces but for these. */
export function prismServerInternals(): PrismServerInternals {
  return {
    getHttpConfigFromRequest: exportedFunction(
      "@stoplight/prism-http-server",
      "dist/getHttpConfigFromRequest.js",
      "getHttpConfigFromRequest",
    ),
    serialize: exportedFunction("@stoplight/prism-http-server", "dist/serialize.js", "serialize"),
  };
}

// --- node:module: Prism's faker loaded on first use --------------------------------------------

type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const loader = Module as unknown as { _load?: Load };
/** The module name Prism's mocker requires (prism-http's dist/mocker/generator/JSONSchema.js). */
export const FAKER = "@faker-js/faker";
let fakerDeferred = false;

/** An object that loads its target on first use (json-schema-faker stores faker at start-up). */
function lazyObject(load: () => object): object {
  return new Proxy(
    {},
    {
      get: (_t, key) => Reflect.get(load(), key),
      has: (_t, key) => Reflect.has(load(), key),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_t, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
}

/**
 * Prism's mocker requires @faker-js/faker at load time (~1 s: every locale) only to hand it to
 * json-schema-faker for dynamic mode, which our mocks never use unless asked (`Prefer:
 * dynamic=true`). After this, that require returns a stand-in whose faker loads the real one on
 * first use. It patches CommonJS's private `Module._load`, so it must run before Prism is loaded
 * (lazy-faker.ts is the import that does). Idempotent.
 */
export function deferFakerLoading(): void {
  if (fakerDeferred) return;
  const original = loader._load;
  if (typeof original !== "function")
    throw new PrivateHookError("node", "node:module has no Module._load to defer Prism's faker with");
  loader._load = function lazyFaker(this: unknown, request, parent, isMain) {
    if (request !== FAKER) return original.call(this, request, parent, isMain);
    let real: Record<string, object> | undefined;
    const load = () => (real ??= original.call(this, request, parent, isMain) as Record<string, object>);
    return { __esModule: true, default: lazyObject(() => load().default!), faker: lazyObject(() => load().faker!) };
  };
  fakerDeferred = true;
}
