// The one model of an OpenAPI document that every stage passes around: openapi3-ts's OpenAPI 3.1
// types (`openapi3-ts/oas31`), completed here with what they leave out and our documents use:
// the JSON Schema 2020-12 keywords of 3.1 schemas, and our `x-` extensions as typed fields.
// The completion is a module augmentation, so `doc.paths[p].get["x-source"]` is typed however a
// node was reached (this file is part of every compilation: tsconfig.json includes scripts/).
// Types only: a document is parsed JSON or YAML; the stages that read more check what they read.
import type { OpenAPIObject, ReferenceObject } from "openapi3-ts/oas31";

export type {
  ComponentsObject,
  ContentObject,
  ExampleObject,
  HeaderObject,
  InfoObject,
  MediaTypeObject,
  OperationObject,
  ParameterLocation,
  ParameterObject,
  PathItemObject,
  PathsObject,
  ReferenceObject,
  RequestBodyObject,
  ResponseObject,
  ResponsesObject,
  SchemaObject,
  SecurityRequirementObject,
  SecuritySchemeObject,
  ServerObject,
} from "openapi3-ts/oas31";

/** A bundled OpenAPI 3.1 document (generated/<api>/openapi.json and its in-memory forms). */
export type OpenApiDocument = OpenAPIObject;

/** How a fact was established: high = read from a server run here, medium = from code or docs, low = inferred. */
export type Confidence = "high" | "medium" | "low";

/** Where a node's facts come from (the developers' guide: every operation has `x-source`). */
export interface Provenance {
  /** The sources, one string each: `seeds/<file>#anchor - what it says`, `servers/...`, `reference/...`. */
  "x-source"?: string[];
  /** The server release that added it: `1.23.0`, `2.6`, `after 1.23.1`. */
  "x-since"?: string;
  "x-confidence"?: Confidence;
}

/** One source describing several API versions (scripts/generate/api-versions.ts derives each). */
export interface VersionMarkers {
  /** The versions the node exists in (`[v1, v3]`); absent: all of them. */
  "x-api-versions"?: string[];
  /** Per version, keys that replace the node's own (shallowly), e.g. `{v3: {description: …}}`. */
  "x-api-version-overrides"?: Record<string, Record<string, unknown>>;
}

/** `x-api-version-history` at a source's root: the version it is written for and those derived from it. */
export interface ApiVersionHistory {
  source: string;
  versions: Record<string, { since: string; source: string }>;
}

declare module "openapi3-ts/oas31" {
  interface OpenAPIObject {
    /** 3.1's default `$schema` for Schema Objects (oas31 leaves it out). */
    jsonSchemaDialect?: string;
    "x-api-version-history"?: ApiVersionHistory;
  }
  interface InfoObject extends VersionMarkers {
    /** 3.1's short summary of the API (oas31 leaves it out). */
    summary?: string;
    /** The vendor's own version string, when info.version is ours (semver). */
    "x-upstream-version"?: string;
  }
  interface OperationObject extends Provenance, VersionMarkers {}
  // ParameterObject and HeaderObject.
  interface BaseParameterObject extends Provenance, VersionMarkers {}
  interface RequestBodyObject extends Provenance, VersionMarkers {}
  interface ResponseObject extends Provenance, VersionMarkers {}
  interface MediaTypeObject extends Provenance, VersionMarkers {}
  /** The JSON Schema 2020-12 keywords oas31 leaves out, and our extensions. */
  interface SchemaObject extends Provenance, VersionMarkers {
    $schema?: string;
    $id?: string;
    $anchor?: string;
    $comment?: string;
    $defs?: { [name: string]: SchemaObject | ReferenceObject };
    if?: SchemaObject | ReferenceObject;
    then?: SchemaObject | ReferenceObject;
    else?: SchemaObject | ReferenceObject;
    contains?: SchemaObject | ReferenceObject;
    minContains?: number;
    maxContains?: number;
    patternProperties?: { [pattern: string]: SchemaObject | ReferenceObject };
    dependentSchemas?: { [property: string]: SchemaObject | ReferenceObject };
    dependentRequired?: { [property: string]: string[] };
    unevaluatedItems?: SchemaObject | ReferenceObject | boolean;
    unevaluatedProperties?: SchemaObject | ReferenceObject | boolean;
    contentSchema?: SchemaObject | ReferenceObject;
    /** Enum values that exist only in some API versions: `{started: [v1]}`. */
    "x-enum-api-versions"?: Record<string, string[]>;
  }
}
