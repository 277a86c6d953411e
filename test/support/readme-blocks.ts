// The README and the guides it links to (guides/*.md), and their ```ts blocks, in order: compiled by
// typecheck.test.ts, run by readme.test.ts.
import { readdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "../../scripts/registry/apis.js";

/** README.md, then every guide, as { file, text }. */
export function projectDocs(): { file: string; text: string }[] {
  const guides = readdirSync(resolve(ROOT, "guides"))
    .filter((f) => f.endsWith(".md"))
    .sort()
    .map((f) => `guides/${f}`);
  return ["README.md", ...guides].map((file) => ({ file, text: readFileSync(resolve(ROOT, file), "utf8") }));
}

/** The README's and the guides' text, one after the other (for what must be said somewhere in them). */
export function projectDocsText(): string {
  return projectDocs()
    .map((d) => d.text)
    .join("\n");
}

export function readmeBlocks(): { name: string; code: string }[] {
  return projectDocs().flatMap(({ file, text }) =>
    [...text.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m, i) => ({
      name: `${file
        .replace(/^guides\//, "guide-")
        .replace(/\.md$/, "")
        .toLowerCase()}-block-${i + 1}.mts`,
      code: m[1]!,
    })),
  );
}
