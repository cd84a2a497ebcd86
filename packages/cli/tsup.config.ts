import { packageConfig } from '@tools/tsup-config';

// One entry, the executable; the shebang makes `dist/bin.js` runnable as `mine` once installed.
export default packageConfig({
  entry: { bin: 'src/bin.ts' },
  banner: { js: '#!/usr/bin/env node' },
});
