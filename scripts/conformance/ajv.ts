// JSON Schema 2020-12 validation (the dialect of OpenAPI 3.1), with formats. Shared by the tests
// and by the validating proxy; schemas are compiled once per schema object.
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: under NodeNext its plugin is the `default` export.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (
  ajv: Ajv2020,
) => Ajv2020;

/**
 * strict: false — OpenAPI schemas carry keywords JSON Schema does not know (discriminator, xml,
 * externalDocs, x-*); `readOnly`/`writeOnly` are annotations. `verbose` keeps each error's
 * value and schema (the proxy quotes them in its reports).
 */
export function createAjv(options: { verbose?: boolean } = {}): Ajv2020 {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true, verbose: options.verbose ?? false });
  addFormats(ajv);
  return ajv;
}

/** A validator that compiles each schema once (schemas must not change after use): by object, and
 * by content, since a dereferenced document repeats a shared schema as a copy at every use. */
export function cachedValidator(ajv: Ajv2020): (schema: unknown, value: unknown) => ErrorObject[] {
  const compiled = new WeakMap<object, ValidateFunction>();
  const byContent = new Map<string, ValidateFunction>();
  return (schema, value) => {
    const key = schema as object;
    let check = compiled.get(key);
    if (!check) {
      const content = JSON.stringify(key);
      check = byContent.get(content) ?? ajv.compile(key);
      byContent.set(content, check);
      compiled.set(key, check);
    }
    return check(value) ? [] : [...(check.errors ?? [])];
  };
}

/** The process's one validator, verbose for the proxy's reports: the tests' checks and the proxy's
 * (http-check.ts) share its compiled schemas instead of compiling each schema twice. */
export const schemaErrors = cachedValidator(createAjv({ verbose: true }));

/** Validates `value`; returns one line per Ajv error ([] when valid). */
export function validate(schema: unknown, value: unknown): string[] {
  return schemaErrors(schema, value).map(
    (e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
  );
}

export const isValid = (schema: unknown, value: unknown): boolean => validate(schema, value).length === 0;
