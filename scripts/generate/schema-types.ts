// generated/<api>/schema.ts: openapi-typescript's types of one bundled document.
//
// openapi-typescript's default export first lints and bundles its input again with its own
// @redocly/openapi-core (v1): loading that copy of Redocly and walking each document twice was a
// third of the build's generate stage. Our input is already linted and bundled (local refs only),
// so this calls the steps after that (the same ones, from the same files the default export
// imports) and skips v1's index altogether. Pinned version: openapi-typescript 7.13.0; the drift
// test catches any difference in the output.
import { createRequire } from "node:module";
import type {
  GlobalContext,
  OpenAPI3,
  astToString as AstToString,
  resolveRef as ResolveRef,
  scanDiscriminators as ScanDiscriminators,
  transformSchema as TransformSchema,
} from "openapi-typescript";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { GENERATED_HEADER } from "./client-source.js";

interface Steps {
  transformSchema: typeof TransformSchema;
  scanDiscriminators: typeof ScanDiscriminators;
  resolveRef: typeof ResolveRef;
  astToString: typeof AstToString;
}

// Untyped deep paths (the package exports `./*`); typed by the package index's declarations. Their
// CommonJS build (the same code as the .mjs files), loaded by Node's own loader: imported as ES
// modules, TypeScript's 9 MB file was scanned for its export names and every file passed through
// tsx's hooks, a fifth of the generate thread's start-up.
const require = createRequire(import.meta.url);
const deep = (path: string) => require(`openapi-typescript/dist/${path}`);
let steps: Promise<Steps> | undefined;
function loadSteps(): Promise<Steps> {
  steps ??= Promise.resolve().then(() => {
    const utils = deep("lib/utils.cjs");
    return {
      transformSchema: deep("transform/index.cjs"),
      scanDiscriminators: utils.scanDiscriminators,
      resolveRef: utils.resolveRef,
      astToString: deep("lib/ts.cjs").astToString,
    };
  });
  return steps;
}

/** Loads openapi-typescript (and TypeScript) ahead of the first document. */
export async function preloadSchemaTypes(): Promise<void> {
  await loadSteps();
}

export async function renderSchema(doc: OpenApiDocument): Promise<string> {
  const { transformSchema, scanDiscriminators, resolveRef, astToString } = await loadSteps();
  const schema = structuredClone(doc) as unknown as OpenAPI3;
  const options = {
    defaultNonNullable: false, // a default in a request must not make the field required
    emptyObjectsUnknown: true,
    readWriteMarkers: true,
    silent: true,
  };
  // openapiTS()'s context with these options (every other field at openapi-typescript's default).
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    defaultNonNullable: options.defaultNonNullable,
    discriminators: scanDiscriminators(schema, options),
    emptyObjectsUnknown: options.emptyObjectsUnknown,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as GlobalContext["redoc"], // read only by the lint and bundle steps skipped here
    silent: options.silent,
    inject: undefined,
    transform: undefined,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: options.readWriteMarkers,
    resolve: ($ref) => resolveRef(schema, $ref, { silent: options.silent }),
  };
  // readWriteMarkers: readOnly fields become $Read<T> (declared inline in the output), which
  // openapi-fetch strips from request bodies, so sending one does not compile.
  return `${GENERATED_HEADER}${astToString(transformSchema(schema, ctx))}`;
}
