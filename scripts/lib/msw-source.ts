// The source of generated/<api>/msw.ts, the package's `openapi-five/<api>/msw`: Mock Service Worker
// handlers answering from the API's bundle (shipped in the package) with the mocks' engine
// (`openapi-five/msw`, scripts/lib/msw-handlers.ts). Both are reached by the package's own name,
// which resolves in the installed package (its exports) and in a clone (tsconfig.json paths).
// It imports nothing from Node itself: the package's generated modules compile without Node's types.
import type { ApiEntry } from "./apis.js";
import type { OpenApiDocument } from "./bundle.js";
import { GENERATED_HEADER } from "./client-source.js";
import { defaultServerUrl } from "./openapi.js";

export function renderMswModule(api: ApiEntry, doc: OpenApiDocument): string {
  return `${GENERATED_HEADER}// Mock Service Worker handlers for ${api.name}, answering as its Prism mock does. They need the
// package's optional peer dependencies msw and Prism (see peerDependencies in package.json):
//   const server = setupServer(...(await mswHandlers()));
import type { HttpHandler } from "msw";
import { mswHandlersForPackagedApi, type MswHandlerOptions } from "openapi-five/msw";

/** The document's first server URL, the generated client's default baseUrl. */
export const defaultBaseUrl = ${JSON.stringify(defaultServerUrl(doc))};

/** Handlers answering requests to \`baseUrl\` (default: defaultBaseUrl) from openapi.json's examples. */
export function mswHandlers(options: Partial<MswHandlerOptions> = {}): Promise<HttpHandler[]> {
  return mswHandlersForPackagedApi(${JSON.stringify(api.name)}, { ...options, baseUrl: options.baseUrl ?? defaultBaseUrl });
}
`;
}
