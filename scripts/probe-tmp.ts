import { serveStatic } from "/work/wt12/scripts/lib/static-server.js";
import { launchChromium } from "/work/wt12/test/docs/browser.js";
const server = await serveStatic("/work/wt12/generated/docs", "127.0.0.1", 0);
const browser = await launchChromium();
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
page.on("console", (m) => { if (m.type() !== "info") console.log("console", m.type(), m.text()); });
page.on("requestfailed", (r) => console.log("FAILED", r.url()));
await page.goto(new URL("healthchecks.html", server.url).href, { waitUntil: "networkidle" });
await page.waitForFunction(`performance.getEntriesByName("redoc-hydrated").length > 0`);
console.log(await page.evaluate(`JSON.stringify({labels: document.querySelectorAll("[role=listitem] span[data-text]").length, ops: [...document.querySelectorAll("[role=listitem] span[data-text]")].map(e=>e.getAttribute("data-text")).slice(0,20), anchors: [...document.querySelectorAll("a[href*='operation'], [id*=operation]")].slice(0,5).map(e=>e.outerHTML.slice(0,150)) })`));
await page.locator(`[role=listitem] span[data-text="Checks"]`).first().click();
await page.waitForTimeout(300);
console.log(await page.evaluate(`JSON.stringify({labels: document.querySelectorAll("[role=listitem] span[data-text]").length, hrefs: [...document.querySelectorAll("[role=listitem] a")].map(a=>a.getAttribute("href")).slice(0,12)})`));
const first = page.locator(`[role=listitem] span[data-text="List checks"]`).first();
if (await first.count()) { await first.click(); await page.waitForTimeout(800); }
console.log(await page.evaluate(`JSON.stringify({h2: [...document.querySelectorAll("h2")].map(h=>h.textContent).slice(0,10), url: location.href, pre: [...document.querySelectorAll("pre, code")].map(p=>p.textContent).filter(t=>t.includes("curl")).slice(0,2), tabs: [...document.querySelectorAll("[role=tab]")].map(t=>t.textContent).slice(0,10)})`));
await page.screenshot({ path: "/tmp/shot12c.png" });
await browser.close(); await server.close();
