import { packageConfig } from '@tools/tsup-config';

export default packageConfig({
  entry: { index: 'src/index.ts', node: 'src/node/index.ts', tfjs: 'src/tfjs/index.ts' },
});
