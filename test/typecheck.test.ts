// The generated code and the type-level tests compile under `strict` and
// `noUncheckedIndexedAccess`; and the readOnly mechanism (openapi-typescript read/write markers +
// openapi-fetch) rejects a read-only field in a request, checked on a fixture spec because none of
// the five vendors' request bodies shares a schema with server-owned fields.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { ROOT } from "../scripts/lib/apis.js";
import { renderSchema } from "../scripts/lib/generate.js";

const TSC = resolve(ROOT, "node_modules/typescript/bin/tsc");

function tsc(args: string[], cwd = ROOT) {
  const result = spawnSync(process.execPath, [TSC, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe("TypeScript", () => {
  it("compiles generated/ and the type-level tests (test/types) under strict", () => {
    const { status, output } = tsc(["-p", "tsconfig.json"]);
    expect(output).toBe("");
    expect(status).toBe(0);
  });

  it("rejects a read-only field in a request body, accepts it in the response", async () => {
    const dir = mkdtempSync(join(tmpdir(), "readonly-types-"));
    try {
      symlinkSync(join(ROOT, "node_modules"), join(dir, "node_modules"));
      const spec = parse(readFileSync(join(ROOT, "test/fixtures/types/readonly.yaml"), "utf8"));
      writeFileSync(join(dir, "schema.ts"), await renderSchema(spec));
      const usage = (line: string) => `import createClient from "openapi-fetch";
import type { paths } from "./schema.js";
const client = createClient<paths>({ baseUrl: "http://127.0.0.1" });
export async function run() {
  const { data } = await client.POST("/things", { body: { name: "a" } });
  const id: number | undefined = data?.id;
  ${line}
  return id;
}
`;
      const options = ["--strict", "--noEmit", "--module", "NodeNext", "--moduleResolution", "NodeNext", "--target", "ES2022", "--skipLibCheck", "--lib", "ES2023,DOM", "usage.ts"];
      writeFileSync(join(dir, "usage.ts"), usage(`await client.POST("/things", { body: { name: "b" } });`));
      expect(tsc(options, dir)).toEqual({ status: 0, output: "" });
      writeFileSync(join(dir, "usage.ts"), usage(`await client.POST("/things", { body: { id: 1, name: "b" } });`));
      const rejected = tsc(options, dir);
      expect(rejected.status).not.toBe(0);
      expect(rejected.output).toMatch(/usage\.ts\(7,\d+\): error TS\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
