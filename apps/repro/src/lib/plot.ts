// The shared headless plotting helper (Vega-Lite → SVG → PNG) lives in @tools/plot.
export { CHART_CONFIG, renderSvg, svgToPng, type TopLevelSpec, writeChart } from '@tools/plot';
