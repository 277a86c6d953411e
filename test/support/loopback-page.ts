// For the browser tests: a page whose requests may only go to 127.0.0.1 (and data: and blob: URLs).
import type { Page } from "playwright-core";

/** Refuses every request of `page` for another host; returns the list the refused URLs go to. */
export async function refuseOutside(page: Page): Promise<string[]> {
  const outside: string[] = [];
  await page.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1" || url.protocol === "data:" || url.protocol === "blob:") return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  return outside;
}
