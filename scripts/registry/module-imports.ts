// Which of this project's modules a set of entry modules reaches through relative imports (static
// `from "./x.js"` and dynamic `import("./x.js")`; sources are TypeScript imported under their .js
// names): the code an outcome depends on, for keys that must change when that code does (the lint
// cache) and for lists that must name all of it (the build's generator code).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { ROOT } from "./apis.js";

/** A relative module specifier after `from` or inside `import(…)`. */
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g;

/** `entries` and every module they reach, ROOT-relative and sorted. */
export function importClosure(entries: string[]): string[] {
  const seen = new Set(entries);
  const queue = entries.filter((f) => /\.[cm]?[jt]s$/.test(f));
  for (let file; (file = queue.shift()) !== undefined;) {
    for (const [, spec] of readFileSync(join(ROOT, file), "utf8").matchAll(IMPORT)) {
      let target = relative(ROOT, resolve(ROOT, dirname(file), spec!));
      if (!existsSync(join(ROOT, target)) && /\.js$/.test(target)) target = target.replace(/\.js$/, ".ts");
      if (!seen.has(target) && existsSync(join(ROOT, target))) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}
