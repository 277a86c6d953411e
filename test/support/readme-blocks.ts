// The ```ts blocks of README.md, in order: compiled by typecheck.test.ts, run by readme.test.ts.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "../../scripts/registry/apis.js";

export function readmeBlocks(): { name: string; code: string }[] {
  return [...readFileSync(resolve(ROOT, "README.md"), "utf8").matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m, i) => ({ name: `block-${i + 1}.mts`, code: m[1]! }));
}
