// The TypeScript lines a consumer of ours may compile with, as installed here: `typescript` (5.9,
// the line the build's generators need) and the alias `typescript7` (what `npm i -D typescript`
// installs today). Each compiler is started by path; its version is checked, so that an alias
// moved to another line fails here instead of testing something else under the old name.
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { ROOT } from "../../scripts/registry/apis.js";

export interface TypeScriptLine {
  /** "5.9" or "7.0": what the tests and the README call it. */
  line: string;
  /** The folder in node_modules it is installed as. */
  packageName: string;
  /** Its `tsc`, to start with `node`. */
  tsc: string;
  /** The installed version (package.json). */
  version: string;
}

export const TYPESCRIPT_LINES: TypeScriptLine[] = [
  { line: "5.9", packageName: "typescript" },
  { line: "7.0", packageName: "typescript7" },
].map(({ line, packageName }) => {
  const dir = resolve(ROOT, "node_modules", packageName);
  const { version } = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string };
  if (!version.startsWith(`${line}.`))
    throw new Error(`node_modules/${packageName} is TypeScript ${version}, not ${line}.x (package.json)`);
  return { line, packageName, tsc: join(dir, "bin", "tsc"), version };
});
