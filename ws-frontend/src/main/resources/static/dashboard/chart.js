// A small time-series line chart as an SVG string: a fixed window ending now, so lines scroll left
// as samples arrive, a y axis from 0 with round ticks, and breaks where samples are missing.
import { WINDOW_MS, axis, linePath, robustPeak } from './model.js';
import { esc } from './view.js';

const PAD = { left: 46, right: 14, top: 12, bottom: 24 };

/**
 * @param {object} o
 * @param {number} o.width pixels, as laid out
 * @param {number} o.height pixels
 * @param {number} o.now the right edge (epoch ms): the newest sample's time
 * @param {Array<{key: string, label: string, points: Array<{ts: number, v: number|null}>}>} o.series
 *   `key` becomes the line's CSS class (`line-<key>`), which sets its colour
 * @param {(v: number) => string} o.format tick labels
 * @param {number} [o.floor] the least y max, so an idle pool does not magnify noise
 * @param {number} [o.gapMs] samples further apart than this are not joined
 * @param {number} [o.windowMs]
 * @param {number} [o.outliers] share of the highest values the y axis may leave out (drawn clipped at the top)
 * @returns {string} `<svg>` markup; `data-points` counts the points drawn (for tests and curious operators)
 */
export function chartSvg({
  width, height, now, series, format, floor = 1, gapMs = 3500, windowMs = WINDOW_MS, outliers = 0, title = '',
}) {
  const w = Math.max(10, width - PAD.left - PAD.right);
  const h = Math.max(10, height - PAD.top - PAD.bottom);
  const start = now - windowMs;
  const shown = series.map((s) => ({ ...s, points: s.points.filter((p) => p.ts >= start && p.ts <= now) }));
  const values = shown.flatMap((s) => s.points.map((p) => p.v));
  const newest = shown.map((s) => s.points.findLast((p) => p.v != null)?.v ?? 0);
  // 5% headroom: a line running along the top edge reads as clipped
  const { max, ticks } = axis(1.05 * robustPeak(values, { outliers, least: Math.max(0, ...newest) }), { floor });
  const clipped = values.filter((v) => v > max).length;
  const x = (ts) => PAD.left + ((ts - start) / windowMs) * w;
  const y = (v) => PAD.top + h - (Math.min(v, max) / max) * h;

  const grid = ticks.map((t) => `<line class="grid" x1="${PAD.left}" x2="${PAD.left + w}" y1="${y(t).toFixed(1)}" `
    + `y2="${y(t).toFixed(1)}"/><text class="tick" x="${PAD.left - 6}" y="${(y(t) + 4).toFixed(1)}" `
    + `text-anchor="end">${esc(format(t))}</text>`).join('');
  const minutes = Math.floor(windowMs / 60_000);
  const every = w / minutes < 70 ? 2 : 1; // a label every minute only where they fit
  const xLabels = Array.from({ length: minutes + 1 }, (_, k) => k).filter((k) => k % every === 0).map((k) => {
    const at = x(now - k * 60_000);
    const anchor = k === 0 ? 'end' : k === minutes ? 'start' : 'middle';
    return `<text class="tick" x="${at.toFixed(1)}" y="${PAD.top + h + 17}" text-anchor="${anchor}">`
      + `${k === 0 ? 'now' : `−${k} min`}</text>`;
  }).join('');
  const lines = shown.map((s) => {
    const d = linePath(s.points, { x, y, gapMs });
    const last = s.points.findLast((p) => p.v != null);
    const dot = last
      ? `<circle class="dot-${esc(s.key)}" cx="${x(last.ts).toFixed(1)}" cy="${y(last.v).toFixed(1)}" r="3"/>` : '';
    return d ? `<path class="line line-${esc(s.key)}" d="${d}"><title>${esc(s.label)}</title></path>${dot}` : '';
  }).join('');
  const points = shown.reduce((n, s) => n + s.points.filter((p) => p.v != null).length, 0);
  const note = clipped ? `<text class="tick clipped" x="${PAD.left + w}" y="${PAD.top - 2}" text-anchor="end">`
    + `${clipped} higher value${clipped === 1 ? '' : 's'} clipped</text>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" `
    + `role="img" aria-label="${esc(title)}" data-points="${points}" data-max="${max}" data-clipped="${clipped}">`
    + `${grid}${xLabels}${lines}${note}</svg>`;
}
