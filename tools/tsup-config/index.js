// One build recipe for every published package: ESM only, declarations, source maps.
// Dependencies and peers stay external (tsup's default), so tfjs is never bundled.
import { defineConfig } from 'tsup';

/**
 * @param {{
 *   entry: Record<string, string> | string[],
 *   banner?: Record<string, string>,
 *   external?: (string | RegExp)[],
 *   noExternal?: (string | RegExp)[],
 *   esbuildPlugins?: import('esbuild').Plugin[],
 *   clean?: boolean | string[],
 * }} options
 */
export function packageConfig({
  entry,
  banner,
  external = [],
  noExternal,
  esbuildPlugins,
  clean = true,
}) {
  return defineConfig({
    entry,
    format: ['esm'],
    target: 'node20',
    platform: 'neutral',
    dts: { compilerOptions: { customConditions: [] } },
    sourcemap: true,
    clean,
    splitting: true,
    treeshake: true,
    banner,
    // Optional peers (tfjs backends, Dawn) are loaded at run time only when present.
    external: [/^@tensorflow\//, 'webgpu', /^node:/, ...external],
    noExternal,
    esbuildPlugins,
  });
}
