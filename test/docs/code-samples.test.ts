// The code samples the docs show on every operation (x-codeSamples in the docs' copy of each
// bundle): every operation has a curl and a TypeScript sample, and every curl sample, pointed at
// the API's mock, gets the operation's documented success status. The published bundles carry no
// samples. That every TypeScript sample compiles against the generated client is checked in
// typecheck.test.ts, in the project's one TypeScript program.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { clientModule, credentialEnv } from "../../scripts/docs/code-samples.js";
import { defaultServerUrl, listOperations } from "../../scripts/openapi/openapi.js";
import { docsSamples, published } from "../support/code-samples.js";

const run = promisify(execFile);
const apis = loadApis();
const samples = docsSamples(apis);

describe("code samples in the docs", () => {
  it("every operation has a curl and a TypeScript sample; the published bundles have none", () => {
    expect(samples.length).toBe(apis.reduce((n, api) => n + listOperations(published(api)).length, 0));
    for (const s of samples) {
      expect(s.curl, s.label).toMatch(/^curl /);
      expect(s.typescript, s.label).toContain(`import { ${s.api.client} } from "${clientModule(s.api)}"`);
      expect(s.success, `${s.label}: a documented 2xx`).toBeGreaterThanOrEqual(200);
    }
    for (const api of apis) expect(JSON.stringify(published(api))).not.toContain("x-codeSamples");
  });

  it("every curl sample, sent to the mock, gets the documented success status", async () => {
    const mockUrls = inject("mockUrls");
    // Values the mocks accept for each API's credentials (Healthchecks keys are 32 characters).
    const env: Record<string, string> = { ...process.env } as Record<string, string>;
    for (const api of apis) {
      const names = credentialEnv(api);
      Object.assign(env, { [names.token]: "sample-token", [names.user]: "sample-key", [names.secret]: "sample-secret", [names.apiKey]: "k".repeat(32) });
    }
    const failures: string[] = [];
    const queue = [...samples];
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const server = defaultServerUrl(published(s.api));
        const command = `${s.curl.replace(`'${server}/`, `'${mockUrls[s.api.name]}/`)} -sS -o /dev/null -w '%{http_code}'`;
        if (!s.curl.includes(`'${server}/`)) failures.push(`${s.label}: the sample does not call ${server}`);
        const { stdout } = await run("bash", ["-c", command], { env });
        if (Number(stdout) !== s.success) failures.push(`${s.label}: ${stdout} (documented ${s.success})\n${command}`);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    expect(failures).toEqual([]);
  }, 120_000);
});
