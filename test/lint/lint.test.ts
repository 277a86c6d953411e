// `npm run lint` must pass: zero errors and zero warnings from Spectral and Redocly on every API;
// and every change to a preset in the two lint configurations says why. The run uses the lint cache
// as a developer's does: an API is not linted again only when every input of its findings is that
// of its last clean lint (test/lint/lint-cache.test.ts), so any change to a spec is linted here,
// and a fresh clone (CI) lints everything.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { isMap, isSeq, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from "yaml";
import { ROOT, loadApis } from "../../scripts/registry/apis.js";
import { LINT_CACHE, LintCache } from "../../scripts/lint/lint-cache.js";

describe("npm run lint", () => {
  it("reports zero errors and zero warnings for every API", () => {
    let output = "";
    let status = 0;
    try {
      output = execFileSync(process.execPath, ["--import", "tsx/esm", "scripts/commands/lint.ts"], {
        cwd: ROOT,
        encoding: "utf8",
        stdio: "pipe",
      });
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      status = e.status;
      output = e.stdout + e.stderr;
    }
    expect(output).toContain("0 errors, 0 warnings");
    expect(output, output).not.toContain("✘");
    expect(status).toBe(0);
    const apis = loadApis();
    for (const api of apis) expect(output).toMatch(new RegExp(`^✔ ${api.name} \\(.*\\): 0 errors, 0 warnings`, "m"));
    // Each clean result is kept, under the key of the inputs as they are.
    const cache = new LintCache();
    const kept = JSON.parse(readFileSync(LINT_CACHE, "utf8")) as Record<string, string>;
    for (const api of apis) expect(kept[api.name], api.name).toBe(cache.inputs(api).key);
  }, 120_000); // a cold run (a fresh clone, or after any change to lint's code) lints every API
});

/**
 * The entries of `node` (a map's pairs or a list's items) that `isOverride` selects and that have
 * no comment of their own right before them (the parser keeps the first entry's on the map or
 * list itself).
 */
function unexplained(
  node: YAMLMap | YAMLSeq,
  isOverride: (entry: unknown) => boolean,
  name: (entry: unknown, i: number) => string,
): string[] {
  const comment = (entry: unknown, i: number) =>
    Boolean(
      (isSeq(node) ? (entry as { commentBefore?: string }) : (entry as Pair<{ commentBefore?: string }>).key)
        ?.commentBefore,
    ) ||
    (i === 0 && Boolean(node.commentBefore));
  const missing: string[] = [];
  node.items.forEach((entry, i) => {
    if (isOverride(entry) && !comment(entry, i)) missing.push(name(entry, i));
  });
  return missing;
}

const load = (file: string) => parseDocument(readFileSync(resolve(ROOT, file), "utf8"));
const key = (entry: unknown) => String((entry as Pair<{ value: unknown }>).key.value);

describe("lint configuration (.spectral.yaml, redocly.yaml)", () => {
  it("gives every rule raised, lowered or turned off a comment saying why", () => {
    const spectral = load(".spectral.yaml");
    // In .spectral.yaml a rule with `given` is one of ours (its `description` says why); any other entry changes a built-in rule.
    const builtIn = (entry: unknown) =>
      !(isMap((entry as Pair).value) && ((entry as Pair).value as YAMLMap).has("given"));
    const redocly = load("redocly.yaml");
    const missing = [
      ...unexplained(spectral.get("rules", true) as YAMLMap, builtIn, (e) => `.spectral.yaml rules.${key(e)}`),
      ...unexplained(
        spectral.get("overrides", true) as YAMLSeq,
        () => true,
        (_e, i) => `.spectral.yaml overrides[${i}]`,
      ),
      ...unexplained(
        redocly.get("rules", true) as YAMLMap,
        () => true,
        (e) => `redocly.yaml rules.${key(e)}`,
      ),
      ...(redocly.get("apis", true) as YAMLMap).items.flatMap((api) => {
        const rules = (api.value as YAMLMap).get("rules", true) as YAMLMap | undefined;
        return rules
          ? unexplained(
              rules,
              () => true,
              (e) => `redocly.yaml apis.${key(api)}.rules.${key(e)}`,
            )
          : [];
      }),
    ];
    expect(missing).toEqual([]);
  });

  it("finds an override without a comment", () => {
    const doc = parseDocument(
      "rules:\n  # why\n  a: error\n  b: off\n  # why\n  c: error\n  d: { given: $, then: { function: truthy } }\n",
    );
    expect(
      unexplained(
        doc.get("rules", true) as YAMLMap,
        (e) => key(e) !== "d",
        (e) => key(e),
      ),
    ).toEqual(["b"]);
  });
});
