// Spectral custom function: each path item lives in the file its URL names, so the URL tells
// where to look and the file tells which URL it serves. The mapping, relative to the root:
//   /servers/{serverId}/webapps  ->  paths/servers/{serverId}/webapps.yaml
//   /api/v1/checks/              ->  paths/api/v1/checks/index.yaml   (a trailing slash is index.yaml)
//   /                            ->  paths/index.yaml
// Runs on the unresolved root (`resolved: false`), where each path item is still its `$ref`.
// Path items written inline (the bundle, the lint fixture) have no file and are not checked.

/** The file, relative to the root document, that holds the path item of `url`. */
function pathFileFor(url) {
  return `paths/${(url.endsWith("/") ? `${url}index` : url).replace(/^\//, "")}.yaml`;
}

export default function pathFileMatchesUrl(paths) {
  if (!paths || typeof paths !== "object") return [];
  const results = [];
  for (const [url, item] of Object.entries(paths)) {
    if (!item || typeof item !== "object" || typeof item.$ref !== "string") continue;
    const expected = pathFileFor(url);
    let actual = item.$ref;
    try {
      actual = decodeURI(actual);
    } catch {
      // a malformed escape stays as written; it will not match and is reported below
    }
    actual = actual.replace(/^\.\//, "");
    if (actual === expected) continue;
    results.push({
      message: `path ${url} is in ${item.$ref}; its file must be ./${expected} (the URL plus .yaml, a trailing slash as index.yaml)`,
      path: ["paths", url, "$ref"],
    });
  }
  return results;
}
