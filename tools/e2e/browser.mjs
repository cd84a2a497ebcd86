// The browser test: README's example, bundled with esbuild for the browser (no Node built-in, no
// package a browser cannot load), runs in headless Chromium on tfjs' wasm backend (the .wasm
// files served beside the bundle; MINE_E2E_BACKEND=cpu for the pure-JS one).
//   node tools/e2e/browser.mjs        (after `pnpm build`: it bundles the built packages)
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { build } from 'esbuild';
import { chromium } from 'playwright-core';
import { checkPrinted, README, ROOT, readmeExample } from './readme.mjs';

const HERE = dirname(new URL(import.meta.url).pathname);
const BACKEND = process.env.MINE_E2E_BACKEND || 'wasm';
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const TIMEOUT_MS = Number(process.env.MINE_E2E_TIMEOUT_MS || 300_000);
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** Picks the backend before README's example runs (the example uses the active backend). */
const PRELUDE = {
  wasm: `import * as __e2eTf from '@tensorflow/tfjs-core';
import { setWasmPaths as __e2eSetWasmPaths } from '@tensorflow/tfjs-backend-wasm';
__e2eSetWasmPaths(new URL('/wasm/', location.href).href);
await __e2eTf.setBackend('wasm');
`,
  cpu: `import * as __e2eTf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
await __e2eTf.setBackend('cpu');
`,
}[BACKEND];
if (!PRELUDE) throw new Error(`MINE_E2E_BACKEND must be wasm or cpu, got "${BACKEND}"`);

const shown = (path) => (path ? relative(ROOT, path) || path : '(entry)');

/**
 * Fails the bundle on any Node built-in or unresolvable package, naming the chain of files that
 * pulled it in (esbuild alone names only the last importer).
 */
function browserOnly() {
  return {
    name: 'browser-only',
    setup(b) {
      const parent = new Map();
      const chain = (importer) => {
        const files = [];
        for (let f = importer; f && files.length < 12; f = parent.get(f)) files.push(shown(f));
        return files.join(' <- ');
      };
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.browserOnly) return undefined;
        // esbuild applies the packages' "browser" fields (which map some Node modules away).
        const resolved = await b.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: { browserOnly: true },
        });
        if (resolved.errors.length > 0) {
          const what = NODE_BUILTINS.has(args.path)
            ? `Node built-in "${args.path}" is imported by`
            : `"${args.path}" cannot be resolved for the browser; it is imported by`;
          return { errors: [{ text: `${what} ${chain(args.importer)}` }] };
        }
        if (resolved.path && !parent.has(resolved.path)) parent.set(resolved.path, args.importer);
        // esbuild resolves it again itself (keeping what "browser" fields map away empty).
        return undefined;
      });
    },
  };
}

async function bundle(dir) {
  const source = `${PRELUDE}\n// README's example:\n${readmeExample()}\nglobalThis.__mineE2eBackend = __e2eTf.getBackend();\nglobalThis.__mineE2eDone = true;\n`;
  try {
    await build({
      stdin: { contents: source, loader: 'ts', resolveDir: HERE, sourcefile: 'readme-example.ts' },
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'es2022',
      outfile: join(dir, 'bundle.js'),
      plugins: [browserOnly()],
      logLevel: 'silent',
      // tfjs-core's platform_node is behind a `typeof process` check and mapped away by its
      // "browser" field; nothing else may stay unresolved.
    });
  } catch (error) {
    const lines = (error.errors ?? []).map((e) => `  - ${e.text}`);
    throw new Error(
      `README's example (${shown(README)}) does not bundle for the browser:\n${lines.join('\n') || error.message}`,
    );
  }
}

function serve(dir) {
  const require = createRequire(join(HERE, 'package.json'));
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json'));
  const files = {
    '/': { path: join(dir, 'index.html'), type: 'text/html' },
    '/bundle.js': { path: join(dir, 'bundle.js'), type: 'text/javascript' },
  };
  for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
    files[`/wasm/${name}`] = { path: join(wasmDir, 'dist', name), type: 'application/wasm' };
  }
  writeFileSync(
    files['/'].path,
    '<!doctype html><meta charset="utf-8"><title>@mine in the browser</title><script type="module" src="/bundle.js"></script>',
  );
  const server = createServer((req, res) => {
    const path = new URL(req.url, 'http://localhost').pathname;
    if (path === '/favicon.ico') {
      res.writeHead(204).end();
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file.type }).end(readFileSync(file.path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function main() {
  const started = performance.now();
  const dir = mkdtempSync(join(tmpdir(), 'mine-browser-'));
  let server;
  let context;
  try {
    await bundle(dir);
    const size = readFileSync(join(dir, 'bundle.js')).length;
    console.log(
      `browser: bundled README's example for the browser (${(size / 1e6).toFixed(2)} MB)`,
    );
    server = await serve(dir);
    const url = `http://127.0.0.1:${server.address().port}/`;
    context = await chromium.launchPersistentContext(join(dir, 'profile'), {
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const printed = [];
    const errors = [];
    page.on('console', (m) => {
      if (m.type() === 'log') printed.push(m.text());
      // A failed request is reported below with its address.
      else if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) {
        errors.push(m.text());
      }
    });
    page.on('response', (r) => {
      if (r.status() >= 400) errors.push(`HTTP ${r.status()} for ${r.url()}`);
    });
    page.on('pageerror', (e) => errors.push(e.stack || e.message));
    await page.goto(url);
    const deadline = Date.now() + TIMEOUT_MS;
    while (!(await page.evaluate(() => globalThis.__mineE2eDone === true))) {
      if (errors.length > 0)
        throw new Error(`README's example failed in Chromium:\n${errors.join('\n')}`);
      if (Date.now() > deadline)
        throw new Error(`README's example did not finish in ${TIMEOUT_MS / 1000} s`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const backend = await page.evaluate(() => globalThis.__mineE2eBackend ?? null);
    checkPrinted(printed, 'in Chromium');
    const version = context.browser()?.version() ?? 'chromium';
    console.log(`browser: it printed ${JSON.stringify(printed)}`);
    console.log(
      `browser: README's example ran in headless Chromium ${version} on the ${backend ?? BACKEND} backend in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await context?.close();
    server?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`browser: FAILED: ${error.message}`);
  process.exit(1);
});
