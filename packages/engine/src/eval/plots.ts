import sharp from 'sharp';
import type { RocPoint } from './metrics.js';

/** Charts as SVG strings, rasterised to PNG with sharp (librsvg): no plotting library needed. */
const W = 640;
const H = 420;
const M = { left: 60, right: 20, top: 36, bottom: 50 };
const PW = W - M.left - M.right;
const PH = H - M.top - M.bottom;

const esc = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] as string);

function frame(
  title: string,
  xLabel: string,
  yLabel: string,
  xTicks: Array<[number, string]>,
  yTicks: Array<[number, string]>,
  body: string,
): string {
  const ticks = [
    ...xTicks.map(
      ([x, l]) =>
        `<line x1="${x}" y1="${M.top + PH}" x2="${x}" y2="${M.top + PH + 5}" stroke="#333"/><text x="${x}" y="${M.top + PH + 18}" text-anchor="middle">${esc(l)}</text>`,
    ),
    ...yTicks.map(
      ([y, l]) =>
        `<line x1="${M.left - 5}" y1="${y}" x2="${M.left}" y2="${y}" stroke="#333"/><text x="${M.left - 8}" y="${y + 4}" text-anchor="end">${esc(l)}</text>`,
    ),
  ].join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">
<rect width="100%" height="100%" fill="#fff"/>
<text x="${W / 2}" y="20" text-anchor="middle" font-size="14">${esc(title)}</text>
${body}
<rect x="${M.left}" y="${M.top}" width="${PW}" height="${PH}" fill="none" stroke="#333"/>
${ticks}
<text x="${M.left + PW / 2}" y="${H - 10}" text-anchor="middle">${esc(xLabel)}</text>
<text transform="translate(14 ${M.top + PH / 2}) rotate(-90)" text-anchor="middle">${esc(yLabel)}</text>
</svg>`;
}

/** ROC with a log FAR axis (1e-4 … 1): the low-FAR end is what a verification product lives on. */
export function rocSvg(points: readonly RocPoint[], title: string): string {
  const minLog = -4;
  const x = (far: number) =>
    M.left + ((Math.max(Math.log10(Math.max(far, 1e-6)), minLog) - minLog) / -minLog) * PW;
  const y = (tar: number) => M.top + (1 - tar) * PH;
  const path = points
    .map((p, i) => `${i ? 'L' : 'M'}${x(p.far).toFixed(1)},${y(p.tar).toFixed(1)}`)
    .join(' ');
  const xTicks: Array<[number, string]> = [-4, -3, -2, -1, 0].map((e) => [x(10 ** e), `1e${e}`]);
  const yTicks: Array<[number, string]> = [0, 0.25, 0.5, 0.75, 1].map((t) => [y(t), t.toFixed(2)]);
  const body = `<path d="${path}" fill="none" stroke="#1565c0" stroke-width="2"/>`;
  return frame(title, 'false accept rate (log)', 'true accept rate', xTicks, yTicks, body);
}

/** Overlaid histograms of two score sets on 0..100, with an optional threshold line. */
export function histogramSvg(
  series: ReadonlyArray<{ label: string; color: string; values: readonly number[] }>,
  title: string,
  threshold?: number,
  bins = 50,
): string {
  const counts = series.map((s) => {
    const c = new Array<number>(bins).fill(0);
    for (const v of s.values) {
      if (!Number.isFinite(v)) continue;
      const b = Math.min(bins - 1, Math.max(0, Math.floor((v / 100) * bins)));
      c[b] = (c[b] as number) + 1;
    }
    return c.map((k) => (s.values.length ? k / s.values.length : 0));
  });
  const top = Math.max(0.01, ...counts.flat());
  const bw = PW / bins;
  const bars = counts
    .map((c, si) =>
      c
        .map((share, b) => {
          const h = (share / top) * PH;
          return share > 0
            ? `<rect x="${(M.left + b * bw).toFixed(1)}" y="${(M.top + PH - h).toFixed(1)}" width="${bw.toFixed(1)}" height="${h.toFixed(1)}" fill="${series[si]?.color}" fill-opacity="0.55"/>`
            : '';
        })
        .join(''),
    )
    .join('');
  const legend = series
    .map(
      (s, i) =>
        `<rect x="${M.left + 10}" y="${M.top + 10 + i * 16}" width="10" height="10" fill="${s.color}"/><text x="${M.left + 25}" y="${M.top + 19 + i * 16}">${esc(`${s.label} (n=${s.values.length})`)}</text>`,
    )
    .join('');
  const tx =
    threshold === undefined
      ? ''
      : `<line x1="${M.left + (threshold / 100) * PW}" y1="${M.top}" x2="${M.left + (threshold / 100) * PW}" y2="${M.top + PH}" stroke="#c62828" stroke-dasharray="4 3"/>`;
  const xTicks: Array<[number, string]> = [0, 20, 40, 60, 80, 100].map((v) => [
    M.left + (v / 100) * PW,
    String(v),
  ]);
  const yTicks: Array<[number, string]> = [0, 0.5, 1].map((f) => [
    M.top + (1 - f) * PH,
    (f * top).toFixed(2),
  ]);
  return frame(title, 'score', 'share of samples', xTicks, yTicks, bars + tx + legend);
}

export async function writeSvgAsPng(svg: string, file: string): Promise<void> {
  await sharp(Buffer.from(svg)).png().toFile(file);
}
