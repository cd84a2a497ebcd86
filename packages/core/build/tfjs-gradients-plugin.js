// Builds dist/tfjs-gradients.js: tfjs-core's own gradient registrations
// (@tensorflow/tfjs-core/dist/register_all_gradients.js) as one module that works in Node and in
// bundlers. tfjs-core ships them only as ES modules with extensionless imports, which Node cannot
// load, and its Node build registers none. Every import of a tfjs-core internal that the public
// entry also exports is pointed at '@tensorflow/tfjs-core', so the gradients run on the user's
// own copy of tfjs-core; only the few internal helpers without a public name are bundled.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const core = require('@tensorflow/tfjs-core');
const PUBLIC = new Set(Object.keys(core));
const NAMESPACES = {
  util: 'util',
  'ops/broadcast_util': 'broadcast_util',
  'ops/slice_util': 'slice_util',
  'ops/axis_util': 'backend_util',
  'ops/conv_util': 'backend_util',
};
// Namespaces of the public entry searched for internal names (in this order).
const SEARCHED = ['backend_util', 'util', 'slice_util', 'broadcast_util', 'tensor_util'];
const DIST = /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]/;
const IMPORT = /^import\s+(.+?)\s+from\s+'(\.[^']*)';$/gm;

/** The module path inside tfjs-core's dist, e.g. 'ops/add', of `spec` imported from `file`. */
function target(file, spec) {
  const dir = file.split(DIST)[1].split('/').slice(0, -1);
  for (const part of spec.split('/')) {
    if (part === '..') dir.pop();
    else if (part !== '.') dir.push(part);
  }
  return dir.join('/');
}

function rewrite(file, source) {
  let count = 0;
  return source.replace(IMPORT, (line, clause, spec) => {
    const module = target(file, spec);
    const namespace = /^\*\s+as\s+(\w+)$/.exec(clause);
    if (namespace) {
      const name = NAMESPACES[module];
      return name ? `import { ${name} as ${namespace[1]} } from '@tensorflow/tfjs-core';` : line;
    }
    const named = /^\{([^}]*)\}$/.exec(clause);
    if (!named) return line;
    const names = named[1]
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    // Two internals that the public entry offers under another shape.
    if (module === 'engine' && names.join() === 'ENGINE') {
      return "import { engine as mineEngine } from '@tensorflow/tfjs-core';\nconst ENGINE = mineEngine();";
    }
    if (module === 'tensor' && names.join() === 'getGlobalTensorClass') {
      return "import { Tensor as mineTensor } from '@tensorflow/tfjs-core';\nconst getGlobalTensorClass = () => mineTensor;";
    }
    const direct = [];
    const fromNamespace = [];
    for (const entry of names) {
      const [name, local = name] = entry.split(/\s+as\s+/);
      if (PUBLIC.has(name)) direct.push(entry);
      else {
        const ns = SEARCHED.find((n) => name in core[n]);
        if (!ns) return line;
        fromNamespace.push([local, ns, name]);
      }
    }
    // Names found in a namespace are read from it under a file-unique alias.
    const id = count++;
    const alias = (ns) => `mine${id}_${ns}`;
    const namespaces = [...new Set(fromNamespace.map(([, ns]) => ns))];
    const imported = [...direct, ...namespaces.map((ns) => `${ns} as ${alias(ns)}`)].join(', ');
    return [
      `import { ${imported} } from '@tensorflow/tfjs-core';`,
      ...fromNamespace.map(([local, ns, name]) => `const ${local} = ${alias(ns)}.${name};`),
    ].join('\n');
  });
}

/** esbuild plugin: resolve and rewrite tfjs-core's gradient modules (see the file comment). */
export const tfjsGradients = {
  name: 'tfjs-gradients',
  setup(build) {
    build.onResolve({ filter: /^@tensorflow\/tfjs-core\/dist\// }, (args) => ({
      path: require.resolve(args.path),
    }));
    build.onLoad({ filter: DIST }, async (args) => ({
      contents: rewrite(args.path, await readFile(args.path, 'utf8')),
      loader: 'js',
      resolveDir: args.path.replace(/[\\/][^\\/]*$/, ''),
    }));
  },
};
