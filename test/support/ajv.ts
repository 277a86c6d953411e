// JSON Schema 2020-12 validation for tests: the same Ajv set-up as the validating proxy.
export { createAjv, isValid, validate } from "../../scripts/conformance/ajv.js";
