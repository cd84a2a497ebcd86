/**
 * Figure 6 of the paper as an SVG: a row of test images, then per model a row of their
 * reconstructions G(E(x)) and a row of prior samples G(z), grey pixels drawn as squares.
 */
import type { AliModel } from '@mine/ali';

export interface FigureRow {
  label: string;
  /** Images of side×side pixels 0..255, concatenated. */
  pixels: ArrayLike<number>;
}

const SCALE = 3;
const GAP = 4;
const LABEL_WIDTH = 210;

/** The SVG of `rows` of `side`-px images, `columns` per row, each row labelled on its left. */
export function imageGridSvg(
  rows: readonly FigureRow[],
  side: number,
  columns: number,
  title: string,
): string {
  const cell = side * SCALE + GAP;
  const width = LABEL_WIDTH + columns * cell + GAP;
  const height = 40 + rows.length * cell + GAP;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${GAP}" y="24" font-family="sans-serif" font-size="16" font-weight="bold">${escapeXml(title)}</text>`,
  ];
  rows.forEach((row, r) => {
    const top = 40 + r * cell;
    parts.push(
      `<text x="${GAP}" y="${top + (side * SCALE) / 2 + 5}" font-family="sans-serif" font-size="13">${escapeXml(row.label)}</text>`,
    );
    for (let c = 0; c < columns; c++) {
      const left = LABEL_WIDTH + c * cell;
      parts.push(
        `<rect x="${left}" y="${top}" width="${side * SCALE}" height="${side * SCALE}" fill="black"/>`,
      );
      for (let p = 0; p < side * side; p++) {
        const v = row.pixels[c * side * side + p]!;
        if (v < 8) continue; // the black background is already drawn
        const x = left + (p % side) * SCALE;
        const y = top + Math.floor(p / side) * SCALE;
        parts.push(
          `<rect x="${x}" y="${y}" width="${SCALE}" height="${SCALE}" fill="rgb(${v},${v},${v})"/>`,
        );
      }
    }
  });
  parts.push('</svg>');
  return parts.join('\n');
}

/** The figure's rows: test images, then each model's reconstructions and samples. */
export function figureRows(
  test: ArrayLike<number>,
  models: readonly {
    model: AliModel;
    label: string;
    reconstructions: number[];
    samples: number[];
  }[],
): FigureRow[] {
  return [
    { label: 'test images x', pixels: test },
    ...models.flatMap((m) => [
      { label: `${m.label}: G(E(x))`, pixels: m.reconstructions },
      { label: `${m.label}: samples G(z)`, pixels: m.samples },
    ]),
  ];
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
