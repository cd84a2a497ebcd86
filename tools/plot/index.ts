// Headless charts for the apps: a Vega-Lite spec → SVG (vega View, renderer 'none') → PNG (resvg
// with the system fonts). No browser is needed. Packages never plot; only apps use this.
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

export type { TopLevelSpec };

/** Fonts that exist here (DejaVu) first, so SVG and PNG measure text alike. */
const FONT = 'DejaVu Sans, Verdana, sans-serif';

/** Shared look for every figure: white background, readable sizes. */
export const CHART_CONFIG = {
  background: 'white',
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true, gridOpacity: 0.5 },
  legend: { labelFontSize: 11, titleFontSize: 12 },
  title: { fontSize: 14, subtitleFontSize: 11, anchor: 'start' as const },
  header: { labelFontSize: 12, titleFontSize: 12 },
  view: { stroke: '#888' },
};

/** Writes `path` through a temporary file and a rename, so readers never see a partial file. */
export async function writeFileAtomic(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    await writeFile(temporary, content);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** Renders a Vega-Lite spec headlessly to an SVG string. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new View(parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Rasterises an SVG with the system fonts; `scale` 2 gives a sharp PNG. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: true,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  });
  return resvg.render().asPng();
}

/** Writes `<name>.svg` and `<name>.png` for a Vega-Lite spec into `dir`; returns both paths. */
export async function writeChart(
  spec: TopLevelSpec,
  dir: string,
  name: string,
): Promise<{ svg: string; png: string }> {
  const svg = await renderSvg(spec);
  const paths = { svg: join(dir, `${name}.svg`), png: join(dir, `${name}.png`) };
  await writeFileAtomic(paths.svg, svg);
  await writeFileAtomic(paths.png, svgToPng(svg));
  return paths;
}
