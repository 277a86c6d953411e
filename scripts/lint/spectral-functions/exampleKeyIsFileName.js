// Spectral custom function: a named example kept in its own file is used under the file's name,
// so one name means one example everywhere: the file components/examples/<Name>.yaml, the key
// under `examples:`, `#/components/examples/<Name>` in the bundle and `Prefer: example=<Name>`
// at the mocks. Examples written inline, and the bundle's (internal `$ref`s), have no file of
// their own and are not checked.
import { basename, extname } from "node:path";

/** `GET /things 200 application/json` or `POST /things request application/json`. */
function where(path) {
  const [, url, method, part] = path;
  const body = part === "requestBody" ? `request ${path[5]}` : `${path[4]} ${path[6]}`;
  return `${String(method).toUpperCase()} ${url} ${body}`;
}

export default function exampleKeyIsFileName(examples, _options, context) {
  if (!examples || typeof examples !== "object") return [];
  const results = [];
  for (const key of Object.keys(examples)) {
    const path = [...context.path, key];
    const item = context.documentInventory.findAssociatedItemForPath(path, true);
    const source = item?.document?.source;
    // Only an example that is a whole file (not a node inside one) has a file name to match.
    if (!source || item.path.length > 0) continue;
    const name = basename(source, extname(source));
    if (name === key) continue;
    const file = `${name}${extname(source)}`;
    results.push({
      message: `${where(context.path)}: example "${key}" is the file ${file}; use it under the key "${name}" (or rename the file to ${key}${extname(source)})`,
      path,
    });
  }
  return results;
}
