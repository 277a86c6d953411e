// The build's stages (scripts/pipeline/stage-order.ts) beyond what build.test.ts covers: an error of
// the generate stage's second thread fails the build with the API's name and the generator's
// message, writing nothing. (That an edit is seen although unchanged inputs are known by a cache
// of modification times and sizes, scripts/generate/input-hashes.ts, is in build.test.ts.)
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { makeSandbox, snapshot, type Sandbox } from "../../scripts/testkit/sandbox.js";
import { generatedRoot } from "../../scripts/registry/generated-paths.js";

const sandboxes: Sandbox[] = [];
afterAll(() => sandboxes.forEach((s) => s.remove()));

describe("the build's stages", () => {
  it("a generator error on the generate thread fails the build naming the API and the cause, and nothing is written", () => {
    const s = makeSandbox({ withGenerated: true });
    sandboxes.push(s);
    const before = snapshot(generatedRoot(s.dir));
    // Valid OpenAPI (lint-structure and bundle pass), but a query style the client cannot send.
    const file = join(s.dir, "specs/lamplighter/components/parameters/NoteEmbed.yaml");
    writeFileSync(file, readFileSync(file, "utf8").replace("in: query\n", "in: query\nstyle: spaceDelimited\n"));
    const build = s.run("scripts/commands/build.ts", "--no-docs");
    expect(build.status).toBe(1);
    expect(build.stderr).toMatch(/nothing was written/);
    expect(build.stderr).toMatch(/lamplighter: .*query parameter "embed" with style spaceDelimited/);
    expect(snapshot(generatedRoot(s.dir))).toEqual(before);

    // Back as it was: the build passes and changes nothing.
    writeFileSync(file, readFileSync(file, "utf8").replace("style: spaceDelimited\n", ""));
    const back = s.run("scripts/commands/build.ts", "--no-docs");
    expect(back.status, back.stderr).toBe(0);
    expect(back.stdout).toContain("built nothing;");
    expect(snapshot(generatedRoot(s.dir))).toEqual(before);
  });
});
