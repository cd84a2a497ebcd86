import { packageConfig } from '@tools/tsup-config';

export default packageConfig({ entry: { index: 'src/index.ts' } });
