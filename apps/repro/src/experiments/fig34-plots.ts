/**
 * Figures and summaries shared by Fig. 3 (spiral) and Fig. 4 (25 Gaussians): scatter plots of real
 * against generated samples, kernel density estimate (KDE) heatmaps, and mean / spread over seeds.
 */
import type { TopLevelSpec } from 'vega-lite';
import { CHART_CONFIG } from '../lib/plot.js';
import { mean, sd } from '../lib/stats.js';
import { type GanModel, MODEL_LABEL, MODELS } from './fig34-gan.js';

/** Generated samples of one run, for the figures. */
export interface RunSamples {
  model: GanModel;
  seed: number;
  /** Row-major [n, 2]. */
  points: Float32Array;
}

/** Mean, spread (sample sd) and the per-seed values of one metric. */
export function spread(values: readonly number[]): { mean: number; sd: number } {
  return { mean: mean(values), sd: sd(values) };
}

/** A square plotting window around the data: max |coordinate| plus a margin. */
export function extentOf(data: Float32Array, margin = 0.4): [number, number] {
  let m = 0;
  for (const v of data) if (Number.isFinite(v)) m = Math.max(m, Math.abs(v));
  const r = Math.ceil((m + margin) * 10) / 10;
  return [-r, r];
}

export interface KdeCell {
  x: number;
  x2: number;
  y: number;
  y2: number;
  /** Density divided by the panel's maximum (0..1). */
  density: number;
}

/**
 * Gaussian KDE of 2-D points on a grid×grid lattice over [lo, hi]², bandwidth h, each panel
 * scaled to its maximum (so a collapsed generator shows as a few bright spots). Points outside
 * the window still contribute at its edge cells.
 */
export function kdeGrid(
  points: Float32Array,
  [lo, hi]: [number, number],
  grid: number,
  bandwidth: number,
): KdeCell[] {
  const step = (hi - lo) / grid;
  const centres = Float64Array.from({ length: grid }, (_, i) => lo + (i + 0.5) * step);
  const n = points.length / 2;
  const density = new Float64Array(grid * grid);
  const reach = 4 * bandwidth;
  const inv = 1 / (2 * bandwidth * bandwidth);
  // Separable kernel: for each point, weights along x and y over the cells within 4h.
  const wx = new Float64Array(grid);
  const wy = new Float64Array(grid);
  for (let p = 0; p < n; p++) {
    const px = points[2 * p]!;
    const py = points[2 * p + 1]!;
    if (!Number.isFinite(px) || !Number.isFinite(py)) continue;
    for (let i = 0; i < grid; i++) {
      const dx = centres[i]! - px;
      const dy = centres[i]! - py;
      wx[i] = Math.abs(dx) <= reach ? Math.exp(-dx * dx * inv) : 0;
      wy[i] = Math.abs(dy) <= reach ? Math.exp(-dy * dy * inv) : 0;
    }
    for (let j = 0; j < grid; j++) {
      if (wy[j] === 0) continue;
      for (let i = 0; i < grid; i++) if (wx[i] !== 0) density[j * grid + i]! += wx[i]! * wy[j]!;
    }
  }
  let max = 0;
  for (const d of density) max = Math.max(max, d);
  const cells: KdeCell[] = [];
  for (let j = 0; j < grid; j++) {
    for (let i = 0; i < grid; i++) {
      cells.push({
        x: round(lo + i * step),
        // A sliver of overlap hides the anti-aliasing seams between cells.
        x2: round(lo + (i + 1.02) * step),
        y: round(lo + j * step),
        y2: round(lo + (j + 1.02) * step),
        density: max > 0 ? round(density[j * grid + i]! / max) : 0,
      });
    }
  }
  return cells;
}

const round = (v: number) => Math.round(v * 1e3) / 1e3;

const PANEL = 200;
const DATA_LABEL = 'Data';

/** First `n` rows of row-major 2-D points as {x, y} records (rounded for a smaller SVG). */
export function records(points: Float32Array, n: number) {
  const rows: { x: number; y: number }[] = [];
  for (let i = 0; i < Math.min(n, points.length / 2); i++) {
    rows.push({ x: round(points[2 * i]!), y: round(points[2 * i + 1]!) });
  }
  return rows;
}

/**
 * Scatter plots: one panel per (seed, model), the first `shown` generated samples in colour over
 * `realShown` real samples in grey. Points outside the window are clipped.
 */
export function scatterSpec(options: {
  title: string;
  subtitle: string;
  real: Float32Array;
  runs: readonly RunSamples[];
  extent: [number, number];
  shown?: number;
  realShown?: number;
}): TopLevelSpec {
  const { title, subtitle, real, runs, extent, shown = 1500, realShown = 800 } = options;
  const values: Record<string, unknown>[] = [];
  const realRows = records(real, realShown);
  for (const run of runs) {
    const model = MODEL_LABEL[run.model];
    const seed = `seed ${run.seed}`;
    for (const r of realRows) values.push({ ...r, model, seed, source: 'real' });
    for (const r of records(run.points, shown)) {
      values.push({ ...r, model, seed, source: 'generated' });
    }
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle },
    config: CHART_CONFIG,
    data: { values },
    facet: {
      row: { field: 'seed', type: 'nominal', title: null },
      column: {
        field: 'model',
        type: 'nominal',
        title: null,
        sort: MODELS.map((m) => MODEL_LABEL[m]),
      },
    },
    spec: scatterPanel(extent),
  } as TopLevelSpec;
}

/**
 * One scatter panel of records {x, y, source}: generated samples in red over real ones in grey,
 * clipped to the square window `extent`.
 */
export function scatterPanel(extent: [number, number], size = PANEL) {
  const scale = { domain: extent, nice: false, zero: false };
  return {
    width: size,
    height: size,
    mark: { type: 'circle', size: 5, clip: true, opacity: 0.5 },
    encoding: {
      x: { field: 'x', type: 'quantitative', scale, title: null },
      y: { field: 'y', type: 'quantitative', scale, title: null },
      color: {
        field: 'source',
        type: 'nominal',
        title: null,
        scale: { domain: ['real', 'generated'], range: ['#b0b0b0', '#d62728'] },
      },
      order: { field: 'source', sort: 'descending' },
    },
  } as const;
}

/** KDE heatmaps: for each seed, the data's KDE then each model's (Fig. 4 of the paper). */
export function kdeSpec(options: {
  title: string;
  subtitle: string;
  real: Float32Array;
  runs: readonly RunSamples[];
  extent: [number, number];
  grid?: number;
  bandwidth: number;
}): TopLevelSpec {
  const { title, subtitle, real, runs, extent, grid = 40, bandwidth } = options;
  const values: Record<string, unknown>[] = [];
  const realCells = kdeGrid(real, extent, grid, bandwidth);
  const seeds = [...new Set(runs.map((r) => r.seed))].sort((a, b) => a - b);
  for (const s of seeds) {
    const seed = `seed ${s}`;
    for (const c of realCells) values.push({ ...c, panel: DATA_LABEL, seed });
    for (const run of runs.filter((r) => r.seed === s)) {
      const panel = MODEL_LABEL[run.model];
      for (const c of kdeGrid(run.points, extent, grid, bandwidth))
        values.push({ ...c, panel, seed });
    }
  }
  const scale = { domain: extent, nice: false, zero: false };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: { text: title, subtitle },
    config: { ...CHART_CONFIG, view: { stroke: '#888', fill: '#440154' } },
    data: { values },
    facet: {
      row: { field: 'seed', type: 'nominal', title: null },
      column: {
        field: 'panel',
        type: 'nominal',
        title: null,
        sort: [DATA_LABEL, ...MODELS.map((m) => MODEL_LABEL[m])],
      },
    },
    spec: {
      width: PANEL,
      height: PANEL,
      mark: { type: 'rect', strokeWidth: 0 },
      encoding: {
        x: { field: 'x', type: 'quantitative', scale, title: null },
        x2: { field: 'x2' },
        y: { field: 'y', type: 'quantitative', scale, title: null },
        y2: { field: 'y2' },
        color: {
          field: 'density',
          type: 'quantitative',
          title: 'density / max',
          scale: { scheme: 'viridis', domain: [0, 1] },
        },
      },
    },
  } as TopLevelSpec;
}
