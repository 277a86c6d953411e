// The run's one fresh build (see test/support/global-setup.ts): `npm run build` from specs/ alone (docs
// included in `npm run test:e2e` and `npm run test:all`), in a throw-away copy of the project. Read-only for tests: copy what you change.
import { inject } from "vitest";
import type { FreshBuild } from "./global-setup.js";

let answer: Promise<FreshBuild> | undefined;

/** Waits for the fresh build (starting it if no test has yet) and returns where it is; throws with
 * the build's output when it failed. */
export async function freshBuild(): Promise<FreshBuild> {
  answer ??= fetch(inject("freshBuildUrl")).then((r) => r.json() as Promise<FreshBuild>);
  const build = await answer;
  if (build.status !== 0)
    throw new Error(
      `the fresh build (npm run build in ${build.dir}) failed with ${build.status}:\n${build.stderr}\n${build.stdout}`,
    );
  return build;
}
