// JSON Schema 2020-12 validation (the dialect of OpenAPI 3.1), with formats.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

// ajv-formats is CommonJS: under NodeNext its plugin is the `default` export.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;

export function createAjv(): Ajv2020 {
  // strict: false — OpenAPI schemas carry keywords JSON Schema does not know (discriminator, xml,
  // externalDocs, x-*); `readOnly`/`writeOnly` are annotations.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

const shared = createAjv();
const compiled = new WeakMap<object, ReturnType<Ajv2020["compile"]>>();

/** Validates `value`; returns readable errors ([] when valid). Schemas are compiled once. */
export function validate(schema: unknown, value: unknown): string[] {
  const key = schema as object;
  let check = compiled.get(key);
  if (!check) {
    check = shared.compile(key);
    compiled.set(key, check);
  }
  if (check(value)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}

export const isValid = (schema: unknown, value: unknown): boolean => validate(schema, value).length === 0;
