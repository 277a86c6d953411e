// Spectral custom function (Spectral loads plain JS, so this file is not TypeScript).
// An operationId is camelCase `verb + Noun`, and the verb must fit the HTTP method.
export const VERBS = {
  get: ["get", "list", "search", "check", "ping", "download", "export"],
  head: ["get", "check", "ping"],
  post: [
    "create",
    "add",
    "update",
    "pause",
    "resume",
    "start",
    "stop",
    "restart",
    "reload",
    "rebuild",
    "install",
    "grant",
    "enable",
    "disable",
    "set",
    "run",
    "deploy",
    "clean",
    "generate",
    "send",
    "login",
    "import",
    "upsert",
    "attach",
    "redeploy",
    "make",
    "unset",
    "remove",
    "ping",
  ],
  put: [
    "update",
    "replace",
    "set",
    "deploy",
    "redeploy",
    "enable",
    "disable",
    "detach",
    "apply",
    "start",
    "stop",
    "force",
  ],
  patch: ["update", "set", "change", "regenerate", "control", "enable", "disable", "rename"],
  delete: ["delete", "remove", "revoke", "unblock", "unset", "uninstall", "detach", "disable", "reset"],
  options: ["get", "check"],
  trace: ["trace"],
};

const SHAPE = /^([a-z]+)([A-Z][A-Za-z0-9]*)$/;

export default function operationIdVerb(operation, _options, context) {
  if (operation === null || typeof operation !== "object") return [];
  const id = operation.operationId;
  if (typeof id !== "string") return []; // a missing id is reported by operation-operationId
  const method = String(context.path[context.path.length - 1]).toLowerCase();
  const allowed = VERBS[method] ?? [];
  const match = SHAPE.exec(id);
  if (!match) {
    return [
      {
        message: `operationId "${id}" is not camelCase verb+Noun (e.g. listChecks); rename it.`,
        path: [...context.path, "operationId"],
      },
    ];
  }
  if (!allowed.includes(match[1])) {
    return [
      {
        message: `operationId "${id}" starts with "${match[1]}", which is not a verb for ${method.toUpperCase()}; use one of: ${allowed.join(", ")}.`,
        path: [...context.path, "operationId"],
      },
    ];
  }
  return [];
}
