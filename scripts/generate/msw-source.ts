// The source of generated/<api>/msw.ts, the package's `openapi-five/<api>/msw`: Mock Service Worker
// handlers answering from the API's bundle (shipped in the package) with the mocks' engine
// (`openapi-five/msw`, scripts/mock-engine/msw-handlers.ts). Both are reached by the package's own name,
// which resolves in the installed package (its exports) and in a clone (tsconfig.json paths).
// It imports nothing from Node itself: the package's generated modules compile without Node's types.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT, type ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { GENERATED_HEADER } from "./client-source.js";
import { defaultServerUrl } from "../openapi/openapi.js";

/** The command that installs the handlers' optional peers at package.json's peerDependencies
 * (what the error of a missing one prints, so that it can be pasted). */
export function mswPeerInstallCommand(
  pkg: { peerDependencies?: Record<string, string> } = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")),
): string {
  const peers = Object.entries(pkg.peerDependencies ?? {}).map(([name, range]) =>
    /^[\w.@/-]+$/.test(range) ? `${name}@${range}` : `'${name}@${range}'`,
  );
  return `npm install --save-dev ${peers.join(" ")}`;
}

export function renderMswModule(api: ApiEntry, doc: OpenApiDocument): string {
  return `${GENERATED_HEADER}// Mock Service Worker handlers for ${api.name}, answering as its Prism mock does. They need the
// package's optional peer dependencies msw and Prism (see peerDependencies in package.json):
//   const server = setupServer(...(await mswHandlers()));
import type { HttpHandler } from "msw";
import type { MswHandlerOptions } from "openapi-five/msw";

/** The document's first server URL, the generated client's default baseUrl. */
export const defaultBaseUrl = ${JSON.stringify(defaultServerUrl(doc))};

/** Handlers answering requests to \`baseUrl\` (default: defaultBaseUrl) from openapi.json's examples. */
export async function mswHandlers(options: Partial<MswHandlerOptions> = {}): Promise<HttpHandler[]> {
  // Loaded on use, so that a missing optional peer gets an error that says what to install.
  let engine: typeof import("openapi-five/msw");
  try {
    engine = await import("openapi-five/msw");
  } catch (err) {
    if ((err as { code?: string }).code !== "ERR_MODULE_NOT_FOUND") throw err;
    throw new Error(\`openapi-five/${api.name}/msw needs the package's optional peer dependencies msw and Prism (\${(err as Error).message}). Install them with:\\n  ${mswPeerInstallCommand()}\`);
  }
  return engine.mswHandlersForPackagedApi(${JSON.stringify(api.name)}, { ...options, baseUrl: options.baseUrl ?? defaultBaseUrl });
}
`;
}
