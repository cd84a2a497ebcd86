#!/usr/bin/env bash
# Prints README's example program: the ```js block after the "<!-- README example" marker of
# packages/core/README.md, after checking that the root README.md shows the same program.
# The pack-install check, the browser test and the release rehearsal all run this output.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
extract() {
  awk '/<!-- README example/ { found = 1; next }
       found && /^```js/ { body = 1; next }
       body && /^```/ { exit }
       body { print }' "$1"
}
core=$(extract "$root/packages/core/README.md")
if [ -z "$core" ]; then
  echo "readme-example: no example block in packages/core/README.md" >&2
  exit 1
fi
if [ "$core" != "$(extract "$root/README.md")" ]; then
  echo "readme-example: README.md and packages/core/README.md show different examples" >&2
  exit 1
fi
printf '%s\n' "$core"
