// Rendered reference pages: Redocly build-docs with the Redoc bundle inlined, so pages work
// offline. Build output: generated/docs/, git-ignored.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import type { Config } from "@redocly/openapi-core";
import type { ApiEntry } from "./apis.js";

// Redocly CLI has no public Node API for build-docs; its handler lives in a hashed chunk of the
// pinned @redocly/cli version. Calling it in-process saves a ~1 s CLI start per API.
const BUILD_DOCS_CHUNK = "@redocly/cli/lib/chunks/UBYAHYID.js";

type BuildDocsHandler = (args: { argv: Record<string, unknown>; config: Config }) => Promise<void>;
let handler: Promise<BuildDocsHandler> | undefined;

async function buildDocsHandler(): Promise<BuildDocsHandler> {
  handler ??= import(BUILD_DOCS_CHUNK).then((m: { handlerBuildCommand?: BuildDocsHandler }) => {
    if (typeof m.handlerBuildCommand !== "function") {
      throw new Error(`${BUILD_DOCS_CHUNK} no longer exports handlerBuildCommand; update scripts/lib/docs.ts for the new @redocly/cli`);
    }
    return m.handlerBuildCommand;
  });
  return handler;
}

/** Runs `fn` with console output swallowed (the handler prints banners and progress). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const write = process.stderr.write.bind(process.stderr);
  const writeOut = process.stdout.write.bind(process.stdout);
  console.log = console.info = console.warn = () => {};
  process.stderr.write = (() => true) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
    process.stderr.write = write;
    process.stdout.write = writeOut;
  }
}

// Redoc's footer loads the "API docs by Redocly" logo from its CDN, with no option to turn it off.
// Offline that is a failed request and a console error, so the logo is swapped for an inline SVG
// (the attribution link stays).
const LOGO_URLS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const INLINE_LOGO =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='56' height='14'%3E%3Ctext x='0' y='11' font-family='sans-serif' font-size='11' fill='%23555'%3ERedocly%3C/text%3E%3C/svg%3E";

export function makeOffline(html: string): string {
  return LOGO_URLS.reduce((out, url) => out.split(url).join(INLINE_LOGO), html);
}

/** Renders one API's reference page to `outFile` (atomically: via a temporary file). */
export async function renderReference(api: ApiEntry, config: Config, outFile: string): Promise<void> {
  const build = await buildDocsHandler();
  const tmp = `${outFile}.tmp-${process.pid}.html`;
  process.env.REDOCLY_TELEMETRY = "off";
  try {
    await quietly(() => build({ argv: { api: api.name, o: tmp, inlineBundle: true }, config }));
    writeFileSync(tmp, makeOffline(readFileSync(tmp, "utf8")));
    renameSync(tmp, outFile);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw new Error(`${api.name}: rendering docs failed: ${(err as Error).message}`);
  }
}
