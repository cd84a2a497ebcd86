import { packageConfig } from '@tools/tsup-config';
import { tfjsGradients } from './build/tfjs-gradients-plugin.js';

export default [
  packageConfig({
    entry: {
      index: 'src/index.ts',
      base: 'src/base.ts',
      backend: 'src/backend/index.ts',
      node: 'src/node/index.ts',
      math: 'src/math/index.ts',
      testing: 'src/testing/index.ts',
    },
    // Loaded at run time from the second build below (see src/backend/gradients.ts).
    external: ['#tfjs-gradients'],
    clean: ['!tfjs-gradients.js'],
  }),
  // tfjs-core's gradient registrations as one module that Node can load (tfjs-core ships them only
  // as extensionless ES modules); it imports nothing but @tensorflow/tfjs-core.
  {
    ...packageConfig({
      entry: { 'tfjs-gradients': 'src/backend/tfjs-gradients.ts' },
      noExternal: [/^@tensorflow\/tfjs-core\/dist\//],
      esbuildPlugins: [tfjsGradients],
      clean: false,
    }),
    dts: false,
    sourcemap: false,
    splitting: false,
  },
];
