#!/usr/bin/env bash
# Proves "install only the needed package" from the packed tarballs with plain npm:
# 1. @mine/core with tfjs-core and one backend (no tfjs-layers) runs README's example, the program
#    in packages/core/README.md, and its estimate is near the truth; tfjs gradients work.
# 2. @mine/datasets and @mine/metrics install and run (a sampler, KSG through the estimator
#    interface) with no tfjs package at all.
# TFJS_VERSION picks the tfjs-core and backend version core is installed with (default 4.22.0;
# the peer range >=4.20.0 <5 was checked here with 4.20.0 and 4.22.0).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
tf=${TFJS_VERSION:-4.22.0}

for pkg in core datasets metrics; do
  (cd "$root/packages/$pkg" && pnpm pack --pack-destination "$work" >/dev/null)
done
core=$(ls "$work"/mine-core-*.tgz)
datasets=$(ls "$work"/mine-datasets-*.tgz)
metrics=$(ls "$work"/mine-metrics-*.tgz)

app() {
  mkdir "$work/$1"
  cd "$work/$1"
  npm init -y >/dev/null
  npm pkg set type=module >/dev/null
}

# 1. @mine/core and README's example.
app core
npm install --no-audit --no-fund --loglevel=error "$core" \
  "@tensorflow/tfjs-core@$tf" "@tensorflow/tfjs-backend-cpu@$tf"
if [ -e node_modules/@tensorflow/tfjs-layers ]; then
  echo "pack-install: @tensorflow/tfjs-layers was installed with @mine/core" >&2
  exit 1
fi
bash "$root/tools/scripts/readme-example.sh" > main.js
out=$(node main.js 2>/dev/null | tail -n 1)
echo "$out"
OUT="$out" node -e '
  const m = /^I\(X; Z\) = (-?[\d.]+) nats, 95% CI \[(-?[\d.]+), (-?[\d.]+)\], backend cpu$/.exec(process.env.OUT);
  if (!m) throw new Error(`unexpected output: ${process.env.OUT}`);
  const truth = -0.5 * Math.log(1 - 0.64);
  if (!(Math.abs(Number(m[1]) - truth) < 0.1)) throw new Error(`estimate ${m[1]} is far from ${truth}`);'
cat > gradients.js <<'JS'
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { ensureGradients } from '@mine/core';

// Gradients with tfjs-core alone: @mine/core registers tfjs-core's own gradient functions.
await tf.setBackend('cpu');
await ensureGradients();
const square = tf.grad((v) => tf.sum(tf.square(v)))(tf.tensor1d([1, 2, 3]));
const conv = tf.grad((v) => tf.sum(tf.conv2d(v, tf.ones([3, 3, 1, 2]), 1, 'same')))(tf.ones([1, 4, 4, 1]));
const got = { square: Array.from(square.dataSync()), conv: conv.dataSync()[5] };
console.log(JSON.stringify(got));
if (got.square.join() !== '2,4,6' || got.conv !== 18) throw new Error('wrong gradients');
JS
node gradients.js
echo "pack-install: @mine/core ran README's example and trained with tfjs $tf alone"

# 2. Samplers and KSG without tfjs.
app reference
npm install --no-audit --no-fund --loglevel=error "$core" "$datasets" "$metrics"
if [ -e node_modules/@tensorflow ]; then
  echo "pack-install: @mine/datasets or @mine/metrics pulled in $(ls node_modules/@tensorflow)" >&2
  exit 1
fi
cat > main.js <<'JS'
import { correlatedGaussians } from '@mine/datasets';
import { ksgEstimator } from '@mine/metrics';

const sampler = correlatedGaussians({ dim: 2, rho: 0.6 });
const { n, x, z } = sampler.sample(2000, 1);
const r = await ksgEstimator().estimate({ data: x, shape: [n, 2] }, { data: z, shape: [n, 2] });
const truth = sampler.mutualInformation();
console.log(JSON.stringify({ estimator: r.estimator, mi: r.mi, truth }));
if (!(Math.abs(r.mi - truth) < 0.1)) throw new Error(`KSG ${r.mi} is far from ${truth}`);
JS
node main.js
echo "pack-install: @mine/datasets and @mine/metrics ran without tfjs"
