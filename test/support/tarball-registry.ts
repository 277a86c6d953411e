// A loopback npm registry serving only the tarballs it is given (packed from node_modules), so
// that `npm install` resolves a whole dependency tree, several versions of one package included
// (which a list of tarball files cannot express), with neither the network nor a cache.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { basename, join } from "node:path";

/** One package as `npm pack --json` reports it, with the folder it was packed from. */
export interface PackedPackage {
  dir: string;
  filename: string;
  integrity: string;
  shasum: string;
}

/** The package.json fields npm reads from a packument to resolve and install a version. */
const MANIFEST_FIELDS = [
  "name",
  "version",
  "dependencies",
  "optionalDependencies",
  "peerDependencies",
  "peerDependenciesMeta",
  "bin",
  "engines",
  "os",
  "cpu",
];

export async function startTarballRegistry(
  tarballDir: string,
  packed: PackedPackage[],
): Promise<{ url: string; close(): Promise<void> }> {
  type Packument = { name: string; "dist-tags": Record<string, string>; versions: Record<string, unknown> };
  const packuments = new Map<string, Packument>();
  const files = new Set(packed.map((p) => basename(p.filename)));
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://registry.invalid").pathname).slice(1);
    const file = path.startsWith("-/") ? path.slice(2) : undefined;
    if (file !== undefined && files.has(file)) {
      res.writeHead(200, { "content-type": "application/octet-stream" }).end(readFileSync(join(tarballDir, file)));
      return;
    }
    const packument = packuments.get(path);
    if (packument) res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(packument));
    else
      res
        .writeHead(404, { "content-type": "application/json" })
        .end(JSON.stringify({ error: `${path} is not among the packed tarballs` }));
  });
  const url = await new Promise<string>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      resolve(typeof address === "object" && address ? `http://127.0.0.1:${address.port}` : "");
    });
  });
  for (const { dir, filename, integrity, shasum } of packed) {
    const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Record<string, unknown> & {
      name: string;
      version: string;
    };
    const version: Record<string, unknown> = {
      dist: { tarball: `${url}/-/${encodeURIComponent(basename(filename))}`, integrity, shasum },
    };
    for (const field of MANIFEST_FIELDS) if (manifest[field] !== undefined) version[field] = manifest[field];
    const entry: Packument = packuments.get(manifest.name) ?? {
      name: manifest.name,
      "dist-tags": { latest: manifest.version },
      versions: {},
    };
    entry.versions[manifest.version] = version;
    packuments.set(manifest.name, entry);
  }
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
