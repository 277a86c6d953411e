// The code samples the docs show on every operation (x-codeSamples in the docs' copy of each
// bundle): every operation has a curl and a TypeScript sample, and every curl sample, pointed at
// the API's mock, gets the operation's documented success status. The published bundles carry no
// samples. That every TypeScript sample compiles against the generated client is checked in
// typecheck.test.ts, in the project's one TypeScript program.
import { describe, expect, inject, it } from "vitest";
import { loadApis } from "../../scripts/registry/apis.js";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "../../scripts/registry/apis.js";
import { CREDENTIAL_ENV, clientModule, variablesIn, type CredentialNames } from "../../scripts/docs/code-samples.js";
import { defaultServerUrl, listOperations } from "../../scripts/openapi/openapi.js";
import { docsSamples, published } from "../support/code-samples.js";
import { projectDocsText } from "../support/readme-blocks.js";
import { runShellCommands } from "../support/run.js";

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

  it("one variable name per credential: the samples use the names of the README and verify", () => {
    // APIs derived from one source (Healthchecks v1, v2, v3) share the account's credentials.
    const perSource = new Map(apis.map((api) => [api.root, api]));
    const named = [...perSource.values()].flatMap((api) => Object.values(CREDENTIAL_ENV[api.name] ?? {}));
    expect(new Set(named).size, "a name serves two credentials").toBe(named.length);
    for (const api of apis)
      expect(CREDENTIAL_ENV[api.name], api.name).toEqual(CREDENTIAL_ENV[perSource.get(api.root)!.name]);
    const used = new Set(samples.flatMap((s) => variablesIn(`${s.curl}\n${s.typescript}`)));
    for (const name of used) expect(named, `${name}, used by a sample`).toContain(name);
    // Every credential variable the README's examples and `npm run verify` read is one of ours.
    const readme = projectDocsText();
    const verify = readFileSync(resolve(ROOT, "scripts/commands/verify.ts"), "utf8");
    const elsewhere = new Set(
      [
        ...readme.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g),
        ...verify.matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g),
      ].map((m) => m[1]!),
    );
    const credentials = [...elsewhere].filter(
      (n) => /TOKEN|KEY|USER|PASSWORD|SECRET/.test(n) && n !== "HC_API_KEY_READONLY",
    ); // verify's second, read-only key: no sample needs one
    expect(credentials.length).toBeGreaterThan(3);
    for (const name of credentials) expect(named, `${name} (README/verify)`).toContain(name);
  });

  it("every curl sample, sent to the mock, gets the documented success status", async () => {
    const mockUrls = inject("mockUrls");
    // Values the mocks accept for each API's credentials (Healthchecks keys are 32 characters).
    const env: Record<string, string> = { ...process.env } as Record<string, string>;
    const values: Record<keyof CredentialNames, string> = {
      token: "sample-token",
      user: "sample-key",
      secret: "sample-secret",
      apiKey: "k".repeat(32),
    };
    for (const api of apis) {
      for (const [credential, name] of Object.entries(CREDENTIAL_ENV[api.name] ?? {}))
        env[name] = values[credential as keyof CredentialNames];
    }
    const failures: string[] = [];
    const servers = new Map(apis.map((api) => [api.name, defaultServerUrl(published(api))]));
    const commands = samples.map((s) => {
      const server = servers.get(s.api.name)!;
      if (!s.curl.includes(`'${server}/`)) failures.push(`${s.label}: the sample does not call ${server}`);
      return `${s.curl.replace(`'${server}/`, `'${mockUrls[s.api.name]}/`)} -sS -o /dev/null -w '%{http_code}'`;
    });
    // Each command runs as written in a shell of its own (a forked subshell that sources it), six
    // at a time, under one bash instead of one bash per sample.
    const results = await runShellCommands(commands, { env, lanes: 6 });
    results.forEach(({ status, stdout, stderr }, i) => {
      const s = samples[i]!;
      if (status !== 0) failures.push(`${s.label}: exited with ${status}: ${stderr}\n${commands[i]}`);
      else if (Number(stdout) !== s.success)
        failures.push(`${s.label}: ${stdout} (documented ${s.success})\n${commands[i]}`);
    });
    expect(failures).toEqual([]);
  }, 120_000);
});
