// JSON Schema 2020-12 validation (the dialect of OpenAPI 3.1), with formats.
import Ajv2020Module from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

const Ajv2020 = Ajv2020Module as unknown as typeof Ajv2020Module.default;
const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

export function createAjv() {
  // strict: false — OpenAPI schemas carry keywords JSON Schema does not know (discriminator, xml,
  // externalDocs, x-*); `readOnly`/`writeOnly`/`example` are annotations.
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats(ajv);
  return ajv;
}

const ajv = createAjv();

/** Validates `value`; returns readable errors ([] when valid). Schemas are cached by identity. */
export function validate(schema: unknown, value: unknown): string[] {
  const check = ajv.compile(schema as object);
  if (check(value)) return [];
  return (check.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
}
