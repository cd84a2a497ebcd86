// The release rehearsal: publish every public @mine package with changesets (a snapshot version)
// to a local verdaccio on 127.0.0.1, then, as a user would, in empty folders: install @mine/core
// alone (scoped registry for @mine, the npm registry for the rest) with the peers its README's
// install line names and run README's example; install @mine/cli and run `mine --help`.
// verdaccio is stopped on every exit path.
//   node tools/e2e/release.mjs        (after `pnpm build`: it publishes the built packages)
import { spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPrinted, README, ROOT, readmeExampleJs } from './readme.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const TAG = 'rehearsal';
/** Where the example's install line is looked for, in this order (a line of a ```sh block). */
const INSTALL_DOCS = [README, join(ROOT, 'packages', 'core', 'README.md')];
const EXAMPLE_TIMEOUT_MS = Number(process.env.MINE_E2E_TIMEOUT_MS || 900_000);

const timings = [];
async function step(name, fn) {
  const started = performance.now();
  const result = await fn();
  const seconds = (performance.now() - started) / 1000;
  timings.push({ step: name, seconds: Number(seconds.toFixed(1)) });
  console.log(`release: ${name} (${seconds.toFixed(1)} s)`);
  return result;
}

/** Runs a command; resolves with its output, rejects with it (and the command) on failure. */
function run(command, args, { cwd, env = {}, timeout = 600_000, echo = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const take = (chunk) => {
      out += chunk;
      if (echo) process.stdout.write(chunk);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const timer = setTimeout(() => child.kill('SIGKILL'), timeout);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else {
        const why = signal ? `was killed (${signal}, limit ${timeout / 1000} s)` : `exited ${code}`;
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) ${why}:\n${out.slice(-4000)}`));
      }
    });
  });
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The registry processes started here; `stopAll` ends them on every way out. */
const servers = new Set();
const stopAll = () => {
  for (const child of servers) if (child.exitCode === null) child.kill('SIGTERM');
};

/** verdaccio on 127.0.0.1:port with its storage in `dir`, no uplinks: only what we publish. */
async function startVerdaccio(dir, port) {
  mkdirSync(dir, { recursive: true });
  const config = join(dir, 'config.yaml');
  writeFileSync(
    config,
    [
      `storage: ${join(dir, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(dir, 'htpasswd')}`,
      '    max_users: 10',
      'uplinks: {}',
      'packages:',
      "  '@mine/*':",
      '    access: $all',
      '    publish: $authenticated',
      "  '**':",
      '    access: $all',
      'max_body_size: 200mb',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  const bin = join(HERE, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
  const child = spawn(
    process.execPath,
    [bin, '--config', config, '--listen', `127.0.0.1:${port}`],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  servers.add(child);
  let log = '';
  child.stdout.on('data', (c) => {
    log += c;
  });
  child.stderr.on('data', (c) => {
    log += c;
  });
  const url = `http://127.0.0.1:${port}/`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`verdaccio exited (${child.exitCode}):\n${log}`);
    try {
      if ((await fetch(`${url}-/ping`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`verdaccio did not answer on ${url} in 60 s:\n${log}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  return { child, url };
}

function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 5000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** A user on the registry, for publishing (verdaccio's htpasswd adds it on first login). */
async function token(url) {
  const name = 'rehearsal';
  const res = await fetch(`${url}-/user/org.couchdb.user:${name}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, password: 'rehearsal-password' }),
  });
  const body = await res.json();
  if (!res.ok || !body.token) throw new Error(`cannot add a user: ${JSON.stringify(body)}`);
  return body.token;
}

/** The public @mine packages of the workspace: [{ dir, name }]. */
function publicPackages(root) {
  const dir = join(root, 'packages');
  return readdirSync(dir)
    .map((name) => join(dir, name))
    .filter((p) => existsSync(join(p, 'package.json')))
    .map((p) => ({ dir: p, pkg: JSON.parse(readFileSync(join(p, 'package.json'), 'utf8')) }))
    .filter(({ pkg }) => !pkg.private && pkg.name.startsWith('@mine/'))
    .map(({ dir: d, pkg }) => ({ dir: d, name: pkg.name }));
}

/** A copy of the repository (tracked and untracked-but-not-ignored files, plus built dist/). */
async function copyRepository(to) {
  const listed = await run(
    'git',
    ['ls-files', '-z', '--cached', '--others', '--exclude-standard'],
    {
      cwd: ROOT,
    },
  );
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = join(ROOT, file);
    if (!existsSync(from)) continue;
    mkdirSync(dirname(join(to, file)), { recursive: true });
    cpSync(from, join(to, file));
  }
  for (const { dir } of publicPackages(ROOT)) {
    const dist = join(dir, 'dist');
    if (!existsSync(dist)) throw new Error(`${dist} is missing: run \`pnpm build\` first`);
    cpSync(dist, join(to, dist.slice(ROOT.length + 1)), { recursive: true });
  }
  // The changesets CLI and its changelog generator come from the repository's install.
  symlinkSync(join(ROOT, 'node_modules'), join(to, 'node_modules'), 'dir');
  linkWorkspaceDependencies(to);
}

/**
 * Links each package's `workspace:` dependencies to their copies (pnpm publish reads their
 * versions there to replace the protocol), as `pnpm install` would.
 */
function linkWorkspaceDependencies(root) {
  const dirs = {};
  for (const group of ['packages', 'tools', 'apps']) {
    if (!existsSync(join(root, group))) continue;
    for (const name of readdirSync(join(root, group))) {
      const manifest = join(root, group, name, 'package.json');
      if (existsSync(manifest))
        dirs[JSON.parse(readFileSync(manifest, 'utf8')).name] = dirname(manifest);
    }
  }
  for (const { dir } of publicPackages(root)) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const fields = ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies'];
    for (const field of fields) {
      for (const [name, range] of Object.entries(pkg[field] ?? {})) {
        if (!String(range).startsWith('workspace:') || !dirs[name]) continue;
        const link = join(dir, 'node_modules', name);
        mkdirSync(dirname(link), { recursive: true });
        if (!existsSync(link)) symlinkSync(dirs[name], link, 'dir');
      }
    }
  }
}

/** The install line (`npm i @mine/core …`) of the first document that has one in a sh block. */
function installLine() {
  for (const doc of INSTALL_DOCS) {
    if (!existsSync(doc)) continue;
    const blocks = readFileSync(doc, 'utf8').match(/^```(?:sh|bash)[ \t]*\n[\s\S]*?^```/gm) ?? [];
    for (const block of blocks) {
      const line = block
        .split('\n')
        .find((l) => /^npm (i|install)\s/.test(l.trim()) && /\s@mine\/core(\s|$)/.test(`${l} `));
      if (line) return { doc, packages: line.trim().split(/\s+/).slice(2) };
    }
  }
  throw new Error(`no \`npm i @mine/core …\` line in a sh block of ${INSTALL_DOCS.join(' or ')}`);
}

async function main() {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'mine-release-'));
  process.once('exit', stopAll);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      stopAll();
      if (!process.env.MINE_E2E_KEEP) rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  }
  try {
    const repo = join(work, 'repo');
    await step('copied the repository with its built packages', () => copyRepository(repo));
    const packages = publicPackages(repo);
    writeFileSync(
      join(repo, '.changeset', 'release-rehearsal.md'),
      `---\n${packages.map((p) => `"${p.name}": patch`).join('\n')}\n---\n\nRelease rehearsal.\n`,
    );
    const changeset = join(ROOT, 'node_modules', '.bin', 'changeset');
    await step(`changeset version --snapshot ${TAG}`, () =>
      run(changeset, ['version', '--snapshot', TAG], { cwd: repo }),
    );
    const versions = Object.fromEntries(
      packages.map((p) => [
        p.name,
        JSON.parse(readFileSync(join(p.dir, 'package.json'), 'utf8')).version,
      ]),
    );
    console.log(`release: versions ${JSON.stringify(versions)}`);

    const port = await freePort();
    const registry = await step(`started verdaccio on 127.0.0.1:${port}`, () =>
      startVerdaccio(join(work, 'verdaccio'), port),
    );
    const url = registry.url;
    const host = url.replace(/^http:/, '');
    const publishConfig = join(work, 'publish.npmrc');
    writeFileSync(
      publishConfig,
      `registry=${url}\n@mine:registry=${url}\n${host}:_authToken=${await token(url)}\n`,
    );
    const publishEnv = { npm_config_userconfig: publishConfig, npm_config_registry: url };
    await step(`changeset publish --tag ${TAG} (${packages.length} packages)`, () =>
      run(changeset, ['publish', '--tag', TAG, '--no-git-tag'], { cwd: repo, env: publishEnv }),
    );
    for (const [name, version] of Object.entries(versions)) {
      const res = await fetch(`${url}${name.replace('/', '%2f')}`);
      const meta = res.ok ? await res.json() : {};
      if (!meta.versions?.[version]) throw new Error(`${name}@${version} is not in the registry`);
    }

    // As a user: @mine from the local registry, everything else from the npm registry.
    const npmRegistry = (await run('npm', ['config', 'get', 'registry'], { cwd: work })).trim();
    const userConfig = join(work, 'user.npmrc');
    writeFileSync(userConfig, `registry=${npmRegistry}\n@mine:registry=${url}\n`);
    const userEnv = { npm_config_userconfig: userConfig };
    const npmInstall = ['install', '--no-audit', '--no-fund', '--loglevel=error'];

    const app = join(work, 'app');
    mkdirSync(app);
    writeFileSync(
      join(app, 'package.json'),
      `${JSON.stringify({ name: 'app', private: true, type: 'module' }, null, 2)}\n`,
    );
    const { doc, packages: wanted } = installLine();
    const install = wanted.map((p) => (p === '@mine/core' ? `@mine/core@${versions[p]}` : p));
    await step(`npm install ${install.join(' ')} (the line of ${relative(ROOT, doc)})`, () =>
      run('npm', [...npmInstall, ...install], { cwd: app, env: userEnv }),
    );
    const mine = readdirSync(join(app, 'node_modules', '@mine'));
    if (mine.join() !== 'core') throw new Error(`expected @mine/core alone, found @mine/${mine}`);
    writeFileSync(join(app, 'main.mjs'), await readmeExampleJs());
    const printed = await step("ran README's example against the installed @mine/core", () =>
      run(process.execPath, ['main.mjs'], { cwd: app, timeout: EXAMPLE_TIMEOUT_MS }),
    );
    console.log(`release: it printed ${JSON.stringify(printed.trim())}`);
    checkPrinted(printed.trim().split('\n').filter(Boolean), 'in Node');

    const cli = join(work, 'cli');
    mkdirSync(cli);
    writeFileSync(join(cli, 'package.json'), `${JSON.stringify({ name: 'cli', private: true })}\n`);
    await step(`npm install @mine/cli@${versions['@mine/cli']}`, () =>
      run('npm', [...npmInstall, `@mine/cli@${versions['@mine/cli']}`], { cwd: cli, env: userEnv }),
    );
    const help = await step('ran mine --help', () =>
      run(join(cli, 'node_modules', '.bin', 'mine'), ['--help'], { cwd: cli }),
    );
    if (!/Usage/i.test(help)) throw new Error(`mine --help printed no usage:\n${help}`);
    console.log(`release: mine --help begins "${help.trim().split('\n')[0]}"`);
    console.log(
      `release: OK in ${((performance.now() - started) / 1000).toFixed(1)} s ${JSON.stringify(timings)}`,
    );
  } finally {
    await Promise.all([...servers].map(stopProcess));
    if (!process.env.MINE_E2E_KEEP) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`release: FAILED: ${error.message}`);
  process.exit(1);
});
