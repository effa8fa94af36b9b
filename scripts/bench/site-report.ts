/** The per-site section BENCHMARKS.md leads with, and its plot (bench-sites.svg). */
import { esc, legendBox, mb, ms, num, panel, pct, profileTable, verdict, type Series } from './format';
import type { Results } from './results';
import { HEADLINE_UNITS, PROBE_UNITS_WITHOUT, SEGMENT_UNITS, SEGMENT_WALL_LIMIT_MS } from './site-feed';
import { demoRow, sees, siteRows, type SiteRow } from './site-results';
import { TARGETS } from './verdicts';

export const SITES_SVG = 'bench-sites.svg';

/** Every real-markup feed's row, then the demo feed's. */
export function allRows(r: Results): SiteRow[] {
  const demo = demoRow(r);
  return [...(r.sites ? siteRows(r.sites) : []), ...(demo ? [demo] : [])];
}

const frames = (list: number[]) => (list.length ? list.join(', ') : '–');

export function renderSiteSection(r: Results): string[] {
  const sites = r.sites;
  const rows = allRows(r);
  if (!sites || !rows.length) return [];
  const out: string[] = [];
  const line = (s = '') => out.push(s);
  const sizes = (row: SiteRow) => row.scaling.map((s) => num(s.units)).join(' → ');
  line('## Per site: each built-in rule on its real markup');
  line();
  line(`One real unit of each site's saved page cloned ${num(sites.headline)} times as different people, ${sites.batch} per animation frame, into the page's`);
  line(`own container, with the site's rule as built; Chromium, medians of the rounds each row ran (${sites.rounds} per site by default). How: below the tables.`);
  line();
  line(
    "| site | unit (saved page) | rounds | identities per unit | frames with an unmasked identity, per round (without the extension) | extra script per 1,000 identities, ms: Momo Mask / naive masker | masking's longest callback per batch, ms, with − without (median batch; naive's longest; longest frame) | task overhead: Momo Mask / naive | style + layout vs the CSS floor | extra script per 1,000 identities, ms, by size (in the callbacks, wall time) | JS heap with / without |",
  );
  line('|---|---|---:|---:|---|---:|---:|---:|---:|---|---:|');
  for (const row of rows) {
    line(
      `| ${row.id} | ${row.what} | ${row.rounds} | ${ms(row.identitiesPerUnit)} | ${frames(row.unmaskedWith)} (${frames(row.unmaskedWithout)}) | ${ms(row.scriptPer1k)} / ${ms(row.naiveScriptPer1k)} | ${ms(row.callbackMaxMs)} (${ms(row.callbackMedianMs)}; ${ms(row.naiveCallbackMaxMs)}; ${ms(row.frameMaxMs)}) | ${pct(row.taskOverhead)} / ${pct(row.naiveTaskOverhead)} | ${pct(row.styleLayoutOverFloor)} | ${row.scaling.map((s) => ms(s.scriptPer1k)).join(' → ')} (${row.scaling.map((s) => ms(s.observerPer1k)).join(' → ')}; ${sizes(row)} units${row.leftOut.length ? `; ${row.leftOut.map(num).join(', ')} not reached: a stretch took over ${SEGMENT_WALL_LIMIT_MS / 1000} s` : ''}) | ${mb(row.heapWith)} / ${mb(row.heapWithout)} |`,
    );
  }
  line();
  line('Against the targets (PRODUCT.md, Performance; issue 17):');
  line();
  line(
    `| site | 0 unmasked frames (Chromium and Firefox) | extra script ≤ ${TARGETS.naiveShare * 100} % of the naive masker's and < ${TARGETS.scriptPer1k} ms per 1,000 | longest callback < ${TARGETS.callbackMs} ms per batch | task overhead < ${TARGETS.taskOverhead * 100} % | style + layout within ${TARGETS.styleLayoutOverFloor * 100} % of the floor | flat (no size > ${TARGETS.growth * 100} % above a smaller one) |`,
  );
  line('|---|---|---|---|---|---|---|');
  for (const { id, verdicts: v, growth: g } of rows) {
    const rise = g.by > 0 ? ` (${pct(g.by)}, ${num(g.from)} → ${num(g.to)})` : '';
    line(
      `| ${id} | ${verdict(v.unmaskedFrames)} | ${verdict(v.script)} | ${verdict(v.callback)} | ${verdict(v.task)} | ${verdict(v.styleLayout)} | ${verdict(v.flat)}${v.flat === null ? '' : rise} |`,
    );
  }
  line();
  line(`![Masking per 1,000 identities against feed size, per site](${SITES_SVG})`);
  line();
  const firefox = rows.filter((row) => row.firefox);
  if (firefox.length) {
    line(`Firefox ESR${r.firefox ? ` (${r.firefox.version})` : ''}, the Firefox build, the same feeds with the probe (no CDP metrics there: the page's own timing):`);
    line();
    line(
      '| site | rounds | frames with an unmasked identity, per round (without) | longest callback per batch, ms, with − without | median batch, with − without | longest frame, with − without | identities marked per unit |',
    );
    line('|---|---:|---|---:|---:|---:|---:|');
    for (const { id, firefox: f } of firefox) {
      if (!f) continue;
      line(
        `| ${id} | ${f.rounds} | ${frames(f.unmaskedWith)} (${frames(f.unmaskedWithout)}) | ${ms(f.callbackMaxMs)} | ${ms(f.callbackMedianMs)} | ${ms(f.frameMaxMs)} | ${ms(f.masked)} |`,
      );
    }
    line();
  }
  const blind = rows.filter((row) => row.unmaskedWithout.length && !sees(row.unmaskedWithout));
  if (blind.length) line(`The probe saw no one without the extension on ${blind.map((row) => row.id).join(', ')} (the page keeps the clones hidden): not judged there.`);
  const kinds = rows.filter((row) => row.kindsWith.length);
  if (kinds.length) line(`What the probe saw unmasked with the extension: ${kinds.map((row) => `${row.id} (${row.kindsWith.join(', ')})`).join('; ')}.`);
  if (sites.skipped.length) line(`No feed: ${sites.skipped.join('; ')}.`);
  const failed = [...sites.runs.flatMap((run) => (run.failed ? [run.failed] : [])), ...(sites.failures ?? [])];
  if (failed.length) line(`**Lost** (a page that never ended was given up, a browser that died was relaunched; the run went on): ${failed.join('; ')}.`);
  line();
  line('### How the per-site feeds are built');
  line();
  line("- **Pages.** Each site's real saved page (`tests/fixtures/<site>/<page>/page.html`) at its real URL (plus a `momo-bench`");
  line("  query naming the variant), as the e2e suite serves it: the page's own scripts blocked by CSP, the bench's own scripts");
  line('  carrying its nonce. The unit and its container per site: `scripts/bench/sites.ts`.');
  line('- **Clones.** The unit, read once with jsdom, becomes a template in which every person-specific value is a slot');
  line("  (`scripts/bench/clone.ts`): the names and handles of expected.json found in it, the keys of its profile links (the rule's");
  line("  `identity.hrefPaths`), and the id-like parts of its picture addresses (what is not the host or one of the rule's");
  line('  `avatarUrls`). Clone k gets values of its own for every slot, so no cache of learned names, pseudonyms or picture');
  line(`  addresses makes the next clone cheaper. \`tests/fixtures/bench/site-feed.js\` parses ${sites.batch} clones off-document (a \`<template>\`)`);
  line('  and appends them in one call per animation frame, as React commits. The clones of a stretch are parsed before it is');
  line('  measured: the parsing is the same in every variant, and in the window its own variation (hundreds of ms of script per');
  line("  stretch) was larger than the masking's (when this changed, at ec1e802, the spread of X's extra script over five");
  line('  interleaved rounds fell from 149 to 62 ms).');
  line('- **Variants**, in the same run, round by round, order rotated: *with extension*; *no extension*; *CSS floor*: no extension');
  line("  and a plain `<style>` giving everything the rule's site stylesheet hides until masked (its hidden fields and avatar");
  line('  addresses) `opacity: 0`, one rule per selector; *naive masker*: no extension and `tests/fixtures/bench/naive-masker.js`, a');
  line("  MutationObserver that runs `querySelectorAll` with the rule's own selectors on each added element and overwrites");
  line('  `img` `src` and text.');
  line('- **Identities** are what the extension marked (`data-momo` avatar, name or handle) in the clones, per unit: mentions');
  line('  and locations are masked, not counted.');
  line(`- **Figures.** CDP metrics as for the demo feed (below), per 1,000 identities; each figure with − without (or naive − without,`);
  line('  with ÷ floor) of the same round, then the median over the rounds. The page times the MutationObserver callbacks');
  line('  each append triggers (a microtask queued right after it runs after them): per batch, in wall time; the table gives');
  line("  the longest batch of a run and its median batch, with − without, and the longest time between two of the batches'");
  line("  frames, with − without: what the frames lost, the page's own rendering and the masking's work together.");
  line(`- **Scaling.** A run measures ${num(SEGMENT_UNITS)} clones at a time: the headline is its first two stretches. In the first`);
  line(
    `  ${sites.scalingRounds > 1 ? `${sites.scalingRounds} rounds` : 'round'} the runs with and without the extension then keep growing the page: to ${num(SEGMENT_UNITS)} short of each larger size in one`,
  );
  line(`  unmeasured append (masked like any other), then the last ${num(SEGMENT_UNITS)} measured as above. Each size's figure is the cost of`);
  line('  masking its last clones on a page that already holds all the others: what must not grow with the page. Thousands');
  line('  of frames on a saved page with no stylesheet cost the page itself more with each frame, in both variants alike, and');
  line('  would not fit the run. Flat is judged on the extra script (main-thread CPU, with − without): the clones being parsed');
  line("  before the window, the page's own script in it is only the appends. Not on the callbacks' wall time, as the demo feed");
  line('  is: on a page whose own painting grows with it (Zhihu) the callbacks wait longer for a core, not work longer.');
  line('- **Probe.** `tests/fixtures/bench/site-probe.js`,');
  line("  first in `<head>`, every frame: a clone's own name or handle in a visible text node, or its own picture painted");
  line("  visibly (CSS `content` over an img, an SVG image's href, a background), in a run of its own with the extension");
  line(`  (${num(HEADLINE_UNITS)} clones) and without it (${num(PROBE_UNITS_WITHOUT)} clones: it must see them there).`);
  line();
  if (sites.profiles) {
    line(`### Where the content script's time goes, per site (CPU profile, one ${num(sites.headline)}-unit round each)`);
    line();
    line('As for the demo feed below: samples with a content-script frame on the stack, charged to the frame they were in; the');
    line('eight largest self times of each site.');
    line();
    for (const [id, p] of Object.entries(sites.profiles)) {
      line(`**${id}**: ${ms(p.contentMs)} ms of ${ms(p.totalMs)} ms sampled.`);
      line();
      out.push(...profileTable(p.lines.slice(0, 8)));
      line();
    }
  }
  return out;
}

/** 16 colours that stay apart on white. */
const PALETTE = [
  '#d1495b',
  '#4a7bd1',
  '#2a9d6f',
  '#e08a1e',
  '#8a5cc2',
  '#00a6b8',
  '#b5651d',
  '#e377c2',
  '#6b8e23',
  '#1f3a93',
  '#c0392b',
  '#16a085',
  '#7f8c8d',
  '#d4ac0d',
  '#5d6d7e',
  '#a93226',
];

export function renderSiteSvg(r: Results): string {
  const rows = allRows(r);
  const width = 1180;
  const height = 460;
  const xs = [...new Set(rows.flatMap((row) => row.scaling.map((s) => s.units)))].sort((a, b) => a - b);
  const series = (pick: (s: SiteRow['scaling'][number]) => number): Series[] =>
    rows.map((row, i) => ({
      label: row.id,
      colour: PALETTE[i % PALETTE.length],
      dashed: row.id === 'demo feed',
      points: row.scaling.map((s) => [s.units, pick(s)] as [number, number]),
    }));
  const body = xs.length
    ? [
        panel(
          0,
          0,
          500,
          height - 20,
          'Masking in the observer callbacks per 1,000 identities',
          'ms per 1,000 identities (with − without)',
          xs,
          series((s) => s.observerPer1k),
          true,
          'units in the feed',
          false,
        ),
        panel(
          500,
          0,
          500,
          height - 20,
          'Extra script per 1,000 identities (ScriptDuration)',
          'ms per 1,000 identities (with − without)',
          xs,
          series((s) => s.scriptPer1k),
          true,
          'units in the feed',
          false,
        ),
        legendBox(
          1010,
          34,
          series((s) => s.observerPer1k),
        ),
      ]
    : [];
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...body,
    `<text x="${width / 2}" y="${height - 4}" text-anchor="middle" fill="#777" font-size="11">Momo Mask ${esc(r.extensionVersion)} · ${esc(r.machine.chromium)} · ${r.machine.nproc} cores · real saved pages, real rules; flat = linear · ${esc(r.machine.date)} · npm run bench</text>`,
    '</svg>',
    '',
  ].join('\n');
}
