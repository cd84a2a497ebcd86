import { packageConfig } from '@tools/tsup-config';

export default packageConfig({
  entry: {
    index: 'src/index.ts',
    base: 'src/base.ts',
    backend: 'src/backend/index.ts',
    node: 'src/node/index.ts',
    math: 'src/math/index.ts',
    testing: 'src/testing/index.ts',
  },
});
