// Spectral custom function: an operation that requires credentials must declare the 401 its API
// answers with when they are missing or wrong. `security: []`, or a requirement list containing
// `{}`, as the only alternative means "public" and needs no 401.
// HTTP_METHODS of scripts/openapi/openapi.ts: Spectral loads this file as plain JS, which cannot
// import that TypeScript module, so the list is repeated here and test/openapi/openapi-model.test.ts
// checks that the two are the same.
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function requiresAuth(requirements) {
  if (!Array.isArray(requirements) || requirements.length === 0) return false;
  return requirements.some((req) => req && typeof req === "object" && Object.keys(req).length > 0);
}

export default function authFailureDeclared(document) {
  const results = [];
  if (!document || typeof document !== "object" || !document.paths) return results;
  const rootSecurity = document.security;
  for (const [path, item] of Object.entries(document.paths)) {
    if (!item || typeof item !== "object") continue;
    for (const method of METHODS) {
      const op = item[method];
      if (!op || typeof op !== "object") continue;
      const security = op.security !== undefined ? op.security : rootSecurity;
      if (!requiresAuth(security)) continue;
      const responses = op.responses ?? {};
      if (!Object.prototype.hasOwnProperty.call(responses, "401")) {
        results.push({
          message: `${method.toUpperCase()} ${path} requires credentials but declares no 401 response; add the API's own 401.`,
          path: ["paths", path, method, "responses"],
        });
      }
    }
  }
  return results;
}
