// `npm run lint` must pass: zero errors and zero warnings from Spectral and Redocly on every API.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { ROOT } from "../scripts/lib/apis.js";

describe("npm run lint", () => {
  it("reports zero errors and zero warnings for every API", () => {
    let output = "";
    let status = 0;
    try {
      output = execFileSync(process.execPath, ["--import", "tsx", "scripts/lint.ts"], { cwd: ROOT, encoding: "utf8", stdio: "pipe" });
    } catch (err) {
      const e = err as { status: number; stdout: string; stderr: string };
      status = e.status;
      output = e.stdout + e.stderr;
    }
    expect(output).toContain("0 errors, 0 warnings");
    expect(output, output).not.toContain("✘");
    expect(status).toBe(0);
  });
});
