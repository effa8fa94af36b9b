/** Numbers as the report writes them, and the plots' one panel (drawn by hand: no plotting library). */
import type { ProfileLine } from './profile';
import type { Verdict } from './verdicts';

export const ms = (x: number) => (!Number.isFinite(x) ? '–' : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));
export const pct = (x: number) => (!Number.isFinite(x) ? '–' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(0)} %`);
export const mb = (bytes: number) => (!Number.isFinite(bytes) ? '–' : `${(bytes / 2 ** 20).toFixed(2)} MB`);
export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const num = (n: number) => n.toLocaleString('en-US');
export const verdict = (ok: Verdict) => (ok === null ? '' : ok ? 'met' : '**missed**');

export const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

export interface Series {
  label: string;
  colour: string;
  points: [number, number][];
  dashed?: boolean;
}

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const step = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * step >= value) return m * step;
  return 10 * step;
}

/** One panel of a plot; `legend`: inside the panel's top left (false: the caller draws one). */
export function panel(
  x0: number,
  y0: number,
  w: number,
  h: number,
  title: string,
  yLabel: string,
  xs: number[],
  series: Series[],
  logX: boolean,
  xLabel = 'posts in the feed',
  legend = true,
): string {
  const parts: string[] = [];
  const left = x0 + 58;
  const right = x0 + w - 28;
  const top = y0 + 34;
  const bottom = y0 + h - 44;
  const yMax = niceMax(Math.max(...series.flatMap((s) => s.points.map((p) => p[1])).filter(Number.isFinite), 0) * (legend ? 1.45 : 1.05)); // headroom for the legend
  const xMin = logX ? Math.log2(xs[0]) : 0;
  const xMax = logX ? Math.log2(xs[xs.length - 1]) : xs[xs.length - 1];
  const sx = (x: number) => left + (((logX ? Math.log2(x) : x) - xMin) / (xMax - xMin || 1)) * (right - left);
  const sy = (y: number) => bottom - (y / yMax) * (bottom - top);
  parts.push(`<text x="${x0 + w / 2}" y="${y0 + 16}" text-anchor="middle" font-weight="600">${esc(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const v = (yMax / 5) * i;
    const y = sy(v);
    parts.push(`<line x1="${left}" x2="${right}" y1="${y.toFixed(1)}" y2="${y.toFixed(1)}" stroke="#e3e3e3"/>`);
    parts.push(`<text x="${left - 6}" y="${(y + 4).toFixed(1)}" text-anchor="end" fill="#555">${Number(v.toPrecision(3))}</text>`);
  }
  let lastLabel = -Infinity;
  for (const x of [...xs].reverse()) {
    parts.push(`<line x1="${sx(x).toFixed(1)}" x2="${sx(x).toFixed(1)}" y1="${bottom}" y2="${bottom + 4}" stroke="#555"/>`);
    if (Math.abs(lastLabel - sx(x)) < 40) continue; // too close to the next label
    parts.push(`<text x="${sx(x).toFixed(1)}" y="${bottom + 17}" text-anchor="middle" fill="#555">${num(x)}</text>`);
    lastLabel = sx(x);
  }
  parts.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="#555"/>`);
  parts.push(`<line x1="${left}" x2="${left}" y1="${top}" y2="${bottom}" stroke="#555"/>`);
  parts.push(`<text x="${(left + right) / 2}" y="${bottom + 34}" text-anchor="middle" fill="#333">${esc(xLabel)}${logX ? ' (log scale)' : ''}</text>`);
  parts.push(`<text transform="translate(${x0 + 14} ${(top + bottom) / 2}) rotate(-90)" text-anchor="middle" fill="#333">${esc(yLabel)}</text>`);
  const lines = series.map((s) => {
    const pts = s.points.filter((p) => Number.isFinite(p[1]));
    const d = pts.map((p, j) => `${j ? 'L' : 'M'}${sx(p[0]).toFixed(1)},${sy(p[1]).toFixed(1)}`).join(' ');
    return [
      `<path d="${d}" fill="none" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`,
      ...pts.map((p) => `<circle cx="${sx(p[0]).toFixed(1)}" cy="${sy(p[1]).toFixed(1)}" r="3.2" fill="${s.colour}"/>`),
    ].join('\n');
  });
  parts.push(...lines);
  if (legend) parts.push(legendBox(left + 4, top - 8, series));
  return parts.join('\n');
}

/** The series' colours and labels in a box at (x, y). */
export function legendBox(x: number, y: number, series: Series[]): string {
  const parts: string[] = [];
  const legendWidth = 30 + 6.2 * Math.max(...series.map((s) => s.label.length));
  parts.push(`<rect x="${x}" y="${y}" width="${legendWidth.toFixed(0)}" height="${series.length * 17 + 6}" fill="#fff" fill-opacity="0.85" stroke="#ddd"/>`);
  series.forEach((s, i) => {
    const ly = y + 12 + i * 17;
    parts.push(`<line x1="${x + 6}" x2="${x + 28}" y1="${ly}" y2="${ly}" stroke="${s.colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="6 4"' : ''}/>`);
    parts.push(`<text x="${x + 34}" y="${ly + 4}" fill="#333">${esc(s.label)}</text>`);
  });
  return parts.join('\n');
}

/** A profile's self-time lines as a table (profile.ts). */
export function profileTable(lines: ProfileLine[]): string[] {
  return [
    '| self ms | share | frame | source (minified build) |',
    '|---:|---:|---|---|',
    ...lines.map((l) => `| ${ms(l.selfMs)} | ${(l.share * 100).toFixed(0)} % | \`${l.frame}\` | ${l.where ? `\`${l.where.replace(/\|/g, '\\|').replace(/`/g, "'")}\`` : ''} |`),
  ];
}
