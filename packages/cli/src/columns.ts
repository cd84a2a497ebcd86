import { InputError } from './errors.js';

/** What a table offers to select from. */
export interface ColumnSource {
  readonly file: string;
  readonly names: readonly string[] | undefined;
  readonly width: number;
}

/** How a column is named in messages: `"age"` with a header, `3` (0-based) without. */
export function columnLabel(source: ColumnSource, col: number): string {
  const name = source.names?.[col];
  return name !== undefined && name !== ''
    ? `column ${JSON.stringify(name)}`
    : `column ${col} (0-based)`;
}

function preview(names: readonly string[]): string {
  const shown = names.slice(0, 12).map((n) => JSON.stringify(n));
  return shown.join(', ') + (names.length > 12 ? `, ... (${names.length} in all)` : '');
}

/** `first-last` between two unique column names, as their positions, or undefined. */
function nameRange(token: string, names: readonly string[]): [number, number] | undefined {
  for (let i = token.indexOf('-'); i > 0; i = token.indexOf('-', i + 1)) {
    const from = names.indexOf(token.slice(0, i).trim());
    const to = names.indexOf(token.slice(i + 1).trim());
    if (
      from >= 0 &&
      to >= 0 &&
      names.lastIndexOf(names[from]!) === from &&
      names.lastIndexOf(names[to]!) === to
    ) {
      return [from, to];
    }
  }
  return undefined;
}

function resolveToken(token: string, source: ColumnSource, flag: string): number[] {
  const { names, width, file } = source;
  if (names) {
    const matches: number[] = [];
    names.forEach((name, i) => {
      if (name === token) matches.push(i);
    });
    if (matches.length > 1) {
      throw new InputError(
        `${flag}: column name ${JSON.stringify(token)} appears ${matches.length} times in ${file} ` +
          `(columns ${matches.join(', ')}); select by index`,
      );
    }
    if (matches.length === 1) return matches;
  }
  const index = /^\d+$/.test(token) ? Number(token) : undefined;
  const range = /^(\d+)\s*-\s*(\d+)$/.exec(token);
  const outOfRange = (i: number) =>
    new InputError(
      `${flag}: column index ${i} is out of range: ${file} has ${width} column${width === 1 ? '' : 's'} (0-${width - 1})`,
    );
  if (index !== undefined) {
    if (index >= width) throw outOfRange(index);
    return [index];
  }
  if (range) {
    const from = Number(range[1]);
    const to = Number(range[2]);
    if (from > to) throw new InputError(`${flag}: range "${token}" is empty (${from} > ${to})`);
    if (to >= width) throw outOfRange(to);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  const named = names && nameRange(token, names);
  if (named) {
    const [from, to] = named;
    if (from > to)
      throw new InputError(`${flag}: range "${token}" is empty (column ${from} > ${to})`);
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
  }
  if (!names) {
    throw new InputError(
      `${flag}: unknown column ${JSON.stringify(token)}: ${file} has no column names; ` +
        `use 0-based indices or ranges (0-${width - 1})`,
    );
  }
  const folded = names.find((n) => n.toLowerCase() === token.toLowerCase());
  throw new InputError(
    `${flag}: unknown column ${JSON.stringify(token)} in ${file}` +
      (folded !== undefined
        ? ` (did you mean ${JSON.stringify(folded)}?)`
        : `; columns are ${preview(names)}`),
  );
}

/**
 * Resolves a column list such as `a,b,3-5,x0-x9`: names (exact; a name wins over anything else),
 * 0-based indices, inclusive index ranges and inclusive ranges between two names (by position),
 * comma-separated. Returns 0-based indices in the given
 * order; a column named twice is an error.
 */
export function resolveColumns(spec: string, source: ColumnSource, flag: string): number[] {
  const tokens = spec.split(',').map((t) => t.trim());
  if (tokens.some((t) => t === '')) {
    throw new InputError(`${flag}: empty column in ${JSON.stringify(spec)}`);
  }
  const out: number[] = [];
  const seen = new Set<number>();
  for (const token of tokens) {
    for (const col of resolveToken(token, source, flag)) {
      if (seen.has(col)) {
        throw new InputError(`${flag}: ${columnLabel(source, col)} is selected twice`);
      }
      seen.add(col);
      out.push(col);
    }
  }
  return out;
}

/** Resolves --x and --z and checks that no column is in both. */
export function resolveXZ(
  source: ColumnSource,
  xSpec: string,
  zSpec: string,
): { x: number[]; z: number[] } {
  const x = resolveColumns(xSpec, source, '--x');
  const z = resolveColumns(zSpec, source, '--z');
  const inX = new Set(x);
  const both = z.filter((c) => inX.has(c));
  if (both.length > 0) {
    const labels = both.slice(0, 5).map((c) => columnLabel(source, c));
    throw new InputError(
      `--x and --z overlap: ${labels.join(', ')}${both.length > 5 ? ` and ${both.length - 5} more` : ''} ` +
        'in both; MI needs disjoint column sets',
    );
  }
  return { x, z };
}
