// README's code example, as the browser test and the release rehearsal run it: the first ```ts
// (or ```js) block of the repository's README.md, so the checks and README cannot drift apart.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** README.md of the repository; MINE_E2E_README names another markdown file to try an example. */
export const README = process.env.MINE_E2E_README || join(ROOT, 'README.md');

/**
 * The first fenced block in one of the languages `langs` (a regular-expression alternation) of a
 * markdown file, or an error that says where it looked.
 */
export function firstBlock(path, langs) {
  const text = readFileSync(path, 'utf8');
  const fence = new RegExp(`^\`\`\`(?:${langs})[ \\t]*\\n([\\s\\S]*?)^\`\`\`[ \\t]*$`, 'm');
  const match = text.match(fence);
  if (!match) throw new Error(`no \`\`\`${langs} block in ${path}`);
  return match[1];
}

/** README's example: TypeScript or JavaScript source (it may use top-level await). */
export function readmeExample() {
  return firstBlock(README, 'ts|typescript|js|javascript');
}

/** README's example as plain JavaScript (an ES module), for Node without a TypeScript loader. */
export async function readmeExampleJs() {
  const { code } = await transform(readmeExample(), {
    loader: 'ts',
    format: 'esm',
    target: 'node20',
    sourcefile: 'README.md (first ts block)',
  });
  return code;
}

/**
 * Checks what the example printed: at least one line, with a finite number in it (the estimate).
 * Returns the lines; throws with them otherwise.
 */
export function checkPrinted(lines, where) {
  const numbers = lines.join(' ').match(/-?\d+(\.\d+)?(e-?\d+)?/g) ?? [];
  if (lines.length === 0 || !numbers.some((n) => Number.isFinite(Number(n)))) {
    throw new Error(`README's example printed no estimate ${where}: ${JSON.stringify(lines)}`);
  }
  return lines;
}
