// The type every stage passes an OpenAPI document around as: parsed JSON, walked by key. Bundles,
// docs copies and Prism's input are all this; the stages that need more check what they read.
export type OpenApiDocument = Record<string, any>;
