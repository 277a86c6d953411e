// Rendered reference pages: Redocly build-docs' server-side rendering, hydrated by one shared,
// cacheable Redoc script from the page's own JSON, all served locally so pages work offline.
// Build output: generated/docs/, git-ignored.
import { createHash } from "node:crypto";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "@redocly/openapi-core";
import type { ApiEntry } from "../registry/apis.js";
import type { OpenApiDocument } from "../openapi/openapi-document.js";
import { redocStandalonePath, redoclyBuildDocsHandler } from "../mock-engine/private-hooks.js";

/** Runs `fn` with console output swallowed (the handler prints banners and progress). */
async function quietly<T>(fn: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn };
  const write = process.stderr.write.bind(process.stderr);
  const writeOut = process.stdout.write.bind(process.stdout);
  console.log = console.info = console.warn = () => {};
  process.stderr.write = (() => true) as typeof process.stderr.write;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    Object.assign(console, saved);
    process.stderr.write = write;
    process.stdout.write = writeOut;
  }
}

// Redoc's footer loads the "API docs by Redocly" logo from its CDN, with no option to turn it off.
// Offline that is a failed request and a console error, so the logo is swapped for an inline SVG
// (the attribution link stays).
const LOGO_URLS = ["https://cdn.redoc.ly/redoc/logo-mini-full.svg", "https://cdn.redoc.ly/redoc/logo-mini.svg"];
const INLINE_LOGO =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='56' height='14'%3E%3Ctext x='0' y='11' font-family='sans-serif' font-size='11' fill='%23555'%3ERedocly%3C/text%3E%3C/svg%3E";

export function makeOffline(html: string): string {
  return LOGO_URLS.reduce((out, url) => out.split(url).join(INLINE_LOGO), html);
}

/** The shared Redoc script, made offline, under a content-hashed name (served as immutable). */
export function redocScript(): { name: string; text: string } {
  const text = makeOffline(readFileSync(redocStandalonePath(), "utf8"));
  return { name: `redoc.${createHash("sha256").update(text).digest("hex").slice(0, 12)}.js`, text };
}

export interface RenderedReference {
  /** The page: Redoc's server-side rendering, no script or spec inlined. */
  html: string;
  /** The docs' copy of the bundle the page loads (`<api>.json`, next to it). */
  json: string;
}

/**
 * Renders one API's reference page from the docs' copy of its bundle. build-docs server-renders
 * the page (visible before any script runs); the definition it would inline is moved to
 * `<api>.json` and Redoc, loaded once from `scriptName`, hydrates the page from it.
 */
export async function renderReference(
  api: ApiEntry,
  config: Config,
  docDoc: OpenApiDocument,
  scriptName: string,
  workDir: string,
): Promise<RenderedReference> {
  const build = await redoclyBuildDocsHandler();
  const source = join(workDir, `.${api.name}.source-${process.pid}.json`);
  const out = join(workDir, `.${api.name}.out-${process.pid}.html`);
  process.env.REDOCLY_TELEMETRY = "off";
  try {
    writeFileSync(source, JSON.stringify(docDoc));
    await quietly(() =>
      build({ argv: { api: source, o: out, title: String(docDoc.info?.title ?? api.name) }, config }),
    );
    return splitPage(api, makeOffline(readFileSync(out, "utf8")), scriptName);
  } catch (err) {
    throw new Error(`${api.name}: rendering docs failed: ${(err as Error).message}`);
  } finally {
    rmSync(source, { force: true });
    rmSync(out, { force: true });
  }
}

// The tail build-docs writes (without --inlineBundle): a module script importing `hydrate` from
// Redocly's CDN, with the definition and options inlined.
const SCRIPT_TAIL =
  /<script type="module">\s*import \{ hydrate \} from "[^"]+";\s*const __redoc_definition = (.*);\s*const __redoc_options = (.*);\s*hydrate\(__redoc_definition, __redoc_options, document\.getElementById\('redoc'\)\);\s*<\/script>/s;
const CDN_PRELOAD = /<link rel="modulepreload" href="https:\/\/cdn\.redocly\.com\/[^"]+"[^>]*\/>/;

/**
 * The page's own links as the hash router that hydrate() installs writes them (`#/servers`).
 * build-docs renders them as root paths (`/servers`), and hydration keeps the server's
 * attributes: a click worked (the router takes it), but a copied link or "open in new tab"
 * asked the server for /servers, which no file answers (and which names no API). `#/servers`
 * opens this page at that section, from any folder the docs are served from, file:// included.
 */
export function hashLinks(html: string): string {
  return html.replace(/(<a\b[^>]*?\shref=")\/(?!\/)/g, "$1#/");
}

/**
 * The loader that replaces build-docs' script tail: a small classic script. The server-rendered
 * page (the overview, the sidebar, hash links) is complete without it, so Redoc, its 2.3 MB
 * script and the page's definition load only once a reader shows intent (a pointer move or
 * press, a touch, a key, a wheel turn, a scroll, a focus, a followed hash link), or at once when
 * the page is opened on a section (a deep link: `#/...`). A reader who only reads the first
 * screen downloads neither; Lighthouse, which never touches the page, sees no script run.
 * A click on something that is not a link before Redoc took over (the search box, the mobile
 * menu button) is clicked again once it answers (after hydrate() resolved, React replays them itself).
 * Until then the page answers its own sidebar (SIDEBAR_SCRIPT). `redoc-hydrated` is marked when Redoc answers:
 * hydrate() resolves when React was handed the page, before it hydrated it; Redoc's search box
 * reads "Loading..." until the hydrated app runs, so the mark waits for that text to go.
 */
export function loaderScript(jsonName: string, scriptName: string, options: string): string {
  return `<script>
      (() => {
        const INTENT = ["pointermove", "pointerdown", "touchstart", "keydown", "wheel", "scroll", "focusin", "hashchange"];
        const root = document.getElementById("redoc");
        let clicked;
        const remember = (event) => { if (!event.target.closest?.("a[href]")) clicked = event.target; };
        const answers = () => !/Loading\\.\\.\\./.test(root.querySelector("[data-testid=search-trigger]")?.textContent ?? "");
        const settled = () => new Promise((resolve) => {
          if (answers()) return resolve();
          const watch = new MutationObserver(() => answers() && (watch.disconnect(), resolve()));
          watch.observe(root, { subtree: true, childList: true, characterData: true });
        });
        const start = () => {
          for (const type of INTENT) removeEventListener(type, start, true);
          performance.mark("redoc-requested");
          Promise.all([
            fetch("./${jsonName}").then((r) => r.json()),
            import("./${scriptName}"),
          ]).then(([definition, { hydrate }]) => hydrate(definition, ${options}, root)).then(() => {
            // From here React holds the page, and replays what is clicked while it hydrates.
            removeEventListener("click", remember, true);
            removeEventListener("click", sidebarClick, true);
            return settled();
          }).then(() => {
            performance.mark("redoc-hydrated");
            if (clicked?.isConnected) clicked.click();
          });
        };
        addEventListener("click", remember, true);
        ${SIDEBAR_SCRIPT}
        if (/^#\\/./.test(location.hash)) start();
        else for (const type of INTENT) addEventListener(type, start, { capture: true, passive: true });
      })();
      </script>`;
}

/**
 * The sidebar before Redoc runs, a few lines inside the loader: a click on an entry whose section
 * is in the server-rendered HTML (the overview's sections: `#/section/<id>` → `id="section/<id>"`;
 * `#/` → the top) scrolls it into view and sets the hash as Redoc's router writes it (pushState:
 * no hashchange, one history entry per click, as Redoc does). The click is stopped there, so the
 * hydrating React never sees it (no click answered twice); the listener is removed once hydrate()
 * resolved, from when on Redoc answers alone, at the scroll position the reader is at. A deep link
 * to such a section shows it at once, before Redoc (which loads at once for it) opens it again
 * (scrolled at parse time and again at load, unless the reader scrolled: in Chromium the first
 * alone left the page at the top by `load`).
 * Entries whose sections Redoc renders itself (tags and their operations: not in the HTML) are
 * left to the browser: the hash changes and Redoc, loading since the press, opens them.
 */
const SIDEBAR_SCRIPT = `const sectionOf = (hash) => hash === "#/" ? document.body : /^#\\/./.test(hash) ? document.getElementById(decodeURIComponent(hash.slice(2))) : null;
        const sidebarClick = (event) => {
          const link = event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey && event.target.closest?.("#redoc a[href^='#/']");
          const section = link && sectionOf(link.getAttribute("href"));
          if (!section) return;
          event.preventDefault();
          event.stopImmediatePropagation();
          if (location.hash !== link.getAttribute("href")) history.pushState(null, "", link.getAttribute("href"));
          section === document.body ? scrollTo(0, 0) : section.scrollIntoView();
        };
        addEventListener("click", sidebarClick, true);
        const openLinked = () => scrollY === 0 && sectionOf(location.hash)?.scrollIntoView?.();
        openLinked();
        addEventListener("load", () => requestAnimationFrame(openLinked), { once: true });`;

/**
 * Fixes for what Lighthouse's accessibility audit (axe) finds in Redoc's default light theme, as
 * CSS custom properties of the theme (the dark theme's colours are left alone):
 * - text below the 4.5:1 contrast WCAG AA asks for: the search box's text (the input placeholder
 *   colour, warm grey 5, 2.6:1 → warm grey 6, 4.8:1); the HTTP method tags (GET #25b869 2.6:1,
 *   PATCH #f5c31d 1.7:1, PUT #f5901d 2.4:1, DELETE and POST under 4.5:1 on their own tint) →
 *   the same hues darkened to ≥ 4.8:1 on white and on their tint; link-style buttons and links
 *   (blue 6, 3.8:1 → blue 8, 6.4:1); code sample tokens (carrot 7 2.9:1, blue 7 4.46:1 → carrot 9,
 *   blue 8).
 * Two findings once Redoc has rendered an operation are Redoc's and left as they are: its
 * structure (an h4 under an h2: heading-order; hydration would undo a change to the markup) and
 * the JSON viewer's 20 px collapse buttons between dense lines (target-size).
 */
export const ACCESSIBILITY_CSS = [
  ":root:not(.dark){--input-content-placeholder-color:var(--color-warm-grey-6);--link-color-primary-legacy:var(--color-blue-8);--button-content-color-link:var(--color-blue-8);",
  "--code-block-tokens-function-color:var(--color-carrot-9);--code-block-tokens-operator-color:var(--color-carrot-9);--code-block-tokens-regex-color:var(--color-carrot-9);--code-block-tokens-class-name-color:var(--color-carrot-9);",
  "--code-block-tokens-string-color:var(--color-blue-8);--code-block-tokens-property-string-color:var(--color-blue-8);--code-block-tokens-link-color:var(--color-blue-8)}",
  ":root:not(.dark) .tag-get,:root:not(.dark) .tag-query{--tag-color:#0b6e3d}:root:not(.dark) .tag-post{--tag-color:#1a56d6}",
  ":root:not(.dark) .tag-put,:root:not(.dark) .tag-http-additional-operation{--tag-color:#a34f00}:root:not(.dark) .tag-patch{--tag-color:#806000}:root:not(.dark) .tag-delete{--tag-color:#c8093c}",
].join("");

function splitPage(api: ApiEntry, html: string, scriptName: string): RenderedReference {
  const tail = SCRIPT_TAIL.exec(html);
  if (!tail || !CDN_PRELOAD.test(html))
    throw new Error("build-docs output has an unexpected shape; update splitPage in scripts/docs/reference-page.ts");
  const definition = JSON.parse(tail[1]!) as unknown;
  // No preload of the script: on a slow link it would take the bandwidth the page itself needs.
  const head = `<link rel="icon" href="./favicon.svg" type="image/svg+xml" />\n    <style>${ACCESSIBILITY_CSS}</style>`;
  return {
    html: hashLinks(
      html
        .replace(CDN_PRELOAD, () => head)
        .replace(SCRIPT_TAIL, () => loaderScript(`${api.name}.json`, scriptName, tail[2]!)),
    ),
    json: JSON.stringify(definition),
  };
}

/** The docs' favicon (a page without one makes the browser ask for /favicon.ico and log a 404). */
export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#243b53"/><text x="16" y="22" font-family="sans-serif" font-size="15" font-weight="bold" text-anchor="middle" fill="#fff">{ }</text></svg>
`;
