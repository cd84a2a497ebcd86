#!/usr/bin/env bash
# Proves "install only the needed package": packs @mine/core, installs the tarball with its peers
# into an empty folder with plain npm, and runs a small program against it.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$root/packages/core" && pnpm pack --pack-destination "$work" >/dev/null)
tarball=$(ls "$work"/mine-core-*.tgz)
mkdir "$work/app"
cd "$work/app"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
tf=4.22.0
npm install --no-audit --no-fund --loglevel=error "$tarball" \
  "@tensorflow/tfjs-core@$tf" "@tensorflow/tfjs-backend-wasm@$tf" "@tensorflow/tfjs-layers@$tf"

cat > main.js <<'JS'
import { estimateMutualInformation, createRng } from '@mine/core';
import { selectBackend } from '@mine/core/backend';

const backend = await selectBackend('auto');
const rng = createRng(1);
const rho = 0.8;
const x = [];
const z = [];
for (let i = 0; i < 1000; i++) {
  const a = rng.normal();
  x.push([a]);
  z.push([rho * a + Math.sqrt(1 - rho * rho) * rng.normal()]);
}
const truth = -0.5 * Math.log(1 - rho * rho);
const r = await estimateMutualInformation(x, z, { steps: 400, hidden: [32, 32], seed: 1 });
console.log(JSON.stringify({ backend, truth, mi: r.mi, ci: r.ci }));
if (backend !== 'wasm') throw new Error(`expected the wasm backend, got ${backend}`);
if (!(Math.abs(r.mi - truth) < 0.2)) throw new Error(`estimate ${r.mi} is far from ${truth}`);
JS
node main.js
echo "pack-install: @mine/core installed from its tarball and ran"
