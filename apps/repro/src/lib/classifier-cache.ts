/**
 * The MNIST digit classifier every experiment that scores digits shares (Table 1 mode counting,
 * Table 2 reconstruction accuracy): trained once by `repro classifier`, saved with tfjs io
 * (model.json + weights.bin) in a cache folder with `meta.json` (sha256 of both files, test
 * accuracy), verified on every load, retrained only when missing or corrupt.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { writeFileAtomic } from '@tools/plot';

export interface ClassifierMeta {
  format: 'mine-digit-classifier';
  version: 1;
  /** sha256 of model.json and weights.bin. */
  sha256: { model: string; weights: string };
  /** Accuracy on MNIST's 10,000 test images (a fraction). */
  testAccuracy: number;
  epochs: number;
  seed: number;
  trainSeconds: number;
  backend: string;
  createdAt: string;
}

/** `$MINE_CACHE_DIR/mnist-classifier`, else `$XDG_CACHE_HOME/mine/...`, else `~/.cache/mine/...`. */
export function defaultClassifierDir(): string {
  const root =
    process.env.MINE_CACHE_DIR ??
    join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'mine');
  return join(root, 'mnist-classifier');
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');

/** Saves `model` with tfjs io into `dir` (model.json, weights.bin) and writes meta.json last. */
export async function saveClassifier(
  model: tfl.LayersModel,
  dir: string,
  info: Omit<ClassifierMeta, 'format' | 'version' | 'sha256' | 'createdAt'>,
): Promise<ClassifierMeta> {
  let files: { model: string; weights: Uint8Array } | null = null;
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData!));
      const json = {
        format: 'layers-model',
        generatedBy: `TensorFlow.js tfjs-layers v${tfl.version_layers}`,
        convertedBy: null,
        modelTopology: artifacts.modelTopology,
        weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
      };
      files = { model: JSON.stringify(json), weights };
      return {
        modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts as tf.io.ModelArtifacts),
      };
    }),
  );
  const saved = files as unknown as { model: string; weights: Uint8Array };
  await writeFileAtomic(join(dir, 'weights.bin'), saved.weights);
  await writeFileAtomic(join(dir, 'model.json'), saved.model);
  const meta: ClassifierMeta = {
    format: 'mine-digit-classifier',
    version: 1,
    sha256: { model: sha256(saved.model), weights: sha256(saved.weights) },
    createdAt: new Date().toISOString(),
    ...info,
  };
  await writeFileAtomic(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
  return meta;
}

/**
 * Loads the cached classifier from `dir` after checking both files against meta.json. Returns
 * null (with the reason) when anything is missing, damaged or of another format.
 */
export async function loadClassifier(
  dir: string,
): Promise<{ model: tfl.LayersModel; meta: ClassifierMeta } | { model: null; reason: string }> {
  const paths = {
    meta: join(dir, 'meta.json'),
    model: join(dir, 'model.json'),
    weights: join(dir, 'weights.bin'),
  };
  for (const p of Object.values(paths))
    if (!existsSync(p)) return { model: null, reason: `${p} is missing` };
  let meta: ClassifierMeta;
  try {
    meta = JSON.parse(await readFile(paths.meta, 'utf8')) as ClassifierMeta;
  } catch (error) {
    return { model: null, reason: `${paths.meta} is not valid JSON (${(error as Error).message})` };
  }
  if (meta.format !== 'mine-digit-classifier' || meta.version !== 1)
    return { model: null, reason: `${paths.meta} is of another format` };
  const modelText = await readFile(paths.model, 'utf8');
  const weights = new Uint8Array(await readFile(paths.weights));
  if (sha256(modelText) !== meta.sha256.model)
    return { model: null, reason: `${paths.model} does not match its sha256` };
  if (sha256(weights) !== meta.sha256.weights)
    return { model: null, reason: `${paths.weights} does not match its sha256` };
  const json = JSON.parse(modelText) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const model = await tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0]!.weights,
      weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
    }),
  );
  return { model, meta };
}
