/** BENCHMARKS.md and bench-scaling.svg. */
import { POPUP_VIEWPORT, type Phase, type Subject } from './extension';
import { BATCH, IDENTITIES_PER_POST } from './feed';
import { esc, kb, mb, ms, num, panel, pct, profileTable, verdict } from './format';
import { median, VARIANT_LABEL } from './lib';
import { feedFigures, pageFigures, spaFigures, type FeedFigures, type FeedVariant, type Results } from './results';
import { renderSiteSection, SITES_SVG } from './site-report';
import { SPA_LOOPS } from './spa';
import { growth, TARGETS } from './verdicts';

export function renderMarkdown(r: Results): string {
  const feed = feedFigures(r);
  const at1k = feed.find((f) => f.posts === 1000);
  const first = feed[0];
  const last = feed[feed.length - 1];
  const probeWith = r.probe.filter((p) => p.variant === 'with');
  const contentScript = r.bundle.find((b) => b.file.endsWith('content/index.js'));
  // The verdict is taken in the fresh browser when the run has those rounds; the rounds at the end are shown beside it.
  const phaseOf = (x: { phase?: Phase }): Phase => x.phase ?? 'after';
  const verdictPhase: Phase = r.popup.some((p) => phaseOf(p) === 'fresh') ? 'fresh' : 'after';
  // Momo Mask's rounds and the reference extension's (reference-extension.ts); older raw results have only Momo Mask's.
  const inPhase = <T extends { phase?: Phase; subject?: Subject }>(list: T[], phase: Phase, subject: Subject = 'momo') =>
    list.filter((x) => phaseOf(x) === phase && (x.subject ?? 'momo') === subject);
  const popupWarm = inPhase(r.popup, verdictPhase).filter((p) => !p.cold);
  const popupCold = inPhase(r.popup, verdictPhase).filter((p) => p.cold);
  const fcpWarm = median(popupWarm.map((p) => p.firstContentfulPaintMs));
  const fcpCold = median(popupCold.map((p) => p.firstContentfulPaintMs));
  const workerCold = median(inPhase(r.worker, verdictPhase).map((w) => w.coldMs));
  const later = verdictPhase === 'fresh' && r.popup.some((p) => phaseOf(p) === 'after');
  const laterFcp = (cold: boolean) =>
    median(
      inPhase(r.popup, 'after')
        .filter((p) => p.cold === cold)
        .map((p) => p.firstContentfulPaintMs),
    );
  const laterNote = (value: number) => (later ? `after the workloads, same browser: ${ms(value)} ms` : null);
  const hasReference = r.popup.some((p) => p.subject === 'reference');
  const referenceFcp = (cold: boolean) =>
    median(
      inPhase(r.popup, verdictPhase, 'reference')
        .filter((p) => p.cold === cold)
        .map((p) => p.firstContentfulPaintMs),
    );
  const referenceWorker = median(inPhase(r.worker, verdictPhase, 'reference').map((w) => w.coldMs));
  const referenceNote = (value: number) => (hasReference ? `minimal extension, same rounds: ${ms(value)} ms` : null);
  const notes = (...parts: (string | null)[]) => (parts.some(Boolean) ? ` (${parts.filter(Boolean).join('; ')})` : '');
  const out: string[] = [];
  const line = (s = '') => out.push(s);

  line('# Benchmarks');
  line();
  line(`Written by \`npm run bench\` (scripts/bench/run.ts) on ${r.machine.date}, in ${r.durationS.toFixed(0)} s, from the build in`);
  line(`\`dist/chrome\` (extension ${r.extensionVersion}${r.commit ? `, sources at ${r.commit}` : ''}). Not part of \`npm test\`: no figure here passes or fails a build.`);
  line('Every figure is a median of the rounds given; all variants ran side by side in the same run, round after round,');
  line(`in alternating order. Rerun \`npm run bench\` to refresh this file, \`bench-scaling.svg\` and \`${SITES_SVG}\`.`);
  line();
  out.push(...renderSiteSection(r));
  line('## Summary against the targets (PRODUCT.md, Performance)');
  line();
  line('| figure | target | measured now | |');
  line('|---|---|---|---|');
  if (probeWith.length) {
    const worst = Math.max(...probeWith.map((p) => p.unmaskedFrames));
    line(
      `| frames showing an unmasked identity (paint probe, ${num(probeWith[0].posts)}-post feed, every frame) | 0 | ${probeWith.map((p) => p.unmaskedFrames).join(', ')} in ${probeWith.length} rounds (${ms(median(probeWith.map((p) => p.frames)))} frames each) | ${verdict(worst === 0)} |`,
    );
  }
  const firefoxWith = r.firefox?.rounds.filter((f) => f.variant === 'with') ?? [];
  if (firefoxWith.length) {
    const worst = Math.max(...firefoxWith.map((f) => f.unmaskedFrames));
    line(
      `| the same in Firefox ESR (${r.firefox!.version}, the Firefox build) | 0 | ${firefoxWith.map((f) => f.unmaskedFrames).join(', ')} in ${firefoxWith.length} rounds (${ms(median(firefoxWith.map((f) => f.frames)))} frames each) | ${verdict(worst === 0)} |`,
    );
  }
  if (at1k) {
    line(
      `| main-thread overhead inserting the 1,000-post feed (TaskDuration with vs without the same round, median of ${at1k.rounds} rounds) | < 10 % | ${pct(at1k.pairedOverhead)} (from the medians of all rounds: ${ms(at1k.task.with)} vs ${ms(at1k.task.without)} ms, ${pct(at1k.overhead)}) | ${verdict(at1k.pairedOverhead < 0.1)} |`,
    );
    line(
      `| extra script time per 1,000 identities (ScriptDuration with − without the same round, 1,000-post feed) | < 20 ms | ${ms(at1k.pairedScriptPer1k)} ms (from the medians: ${ms(at1k.extraScriptPer1k)} ms) | ${verdict(at1k.pairedScriptPer1k < 20)} |`,
    );
  }
  if (feed.length > 1) {
    // Judged on the time in the observer callbacks, the masking itself: the ScriptDuration difference
    // subtracts two totals in which, from 2,000 posts on, the page's own script is most, and varies
    // round to round by nearly as much as the masking itself.
    const observer = feed.map((f) => f.pairedObserverPer1k);
    const script = feed.map((f) => f.pairedScriptPer1k);
    const rise = growth(feed.map((f) => ({ size: f.posts, cost: f.pairedObserverPer1k })));
    line(
      `| growth: masking time per 1,000 identities (in the observer callbacks, with − without the same round), ${num(first.posts)} → ${num(last.posts)} posts (flat = no size more than ${TARGETS.growth * 100} % above any smaller one) | flat | ${observer.map(ms).join(' → ')} ms (largest rise ${pct(rise.by)}${rise.by > 0 ? `, ${num(rise.from)} → ${num(rise.to)} posts` : ''}); extra ScriptDuration: ${script.map(ms).join(' → ')} ms | ${verdict(rise.flat)} |`,
    );
  }
  if (contentScript) {
    const largestRule = r.bundle.find((b) => b.file.includes('site-rules/'));
    const withRule = largestRule ? `; with the largest site rule script (${largestRule.file.split('/').pop()}) ${kb(contentScript.bytes + largestRule.bytes)}` : '';
    line(
      `| content-script bundle (dist/chrome/src/content/index.js), minified | < 40 KB | ${kb(contentScript.bytes)} (gzip ${kb(contentScript.gzipBytes)})${withRule} | ${verdict(contentScript.bytes < 40 * 1024)} |`,
    );
  }
  if (popupWarm.length) {
    line(
      `| popup first render (first contentful paint), worker running | < 100 ms | ${ms(fcpWarm)} ms${notes(referenceNote(referenceFcp(false)), laterNote(laterFcp(false)))} | ${verdict(fcpWarm < 100)} |`,
    );
    line(
      `| popup first render, worker stopped first | < 100 ms | ${ms(fcpCold)} ms${notes(referenceNote(referenceFcp(true)), laterNote(laterFcp(true)))} | ${verdict(fcpCold < 100)} |`,
    );
  }
  if (r.worker.length) {
    const laterWorker = median(inPhase(r.worker, 'after').map((w) => w.coldMs));
    line(
      `| worker's cold answer to "rules for this host" (after ServiceWorker.stopAllWorkers) | < 50 ms | ${ms(workerCold)} ms${notes(referenceNote(referenceWorker), laterNote(laterWorker))}; warm ${ms(median(inPhase(r.worker, verdictPhase).map((w) => w.warmMs)))} ms | ${verdict(workerCold < 50)} |`,
    );
  }
  if (at1k) {
    line(`| JS heap after the 1,000-post feed (after GC) | – | ${mb(at1k.heapAfter.with)} with vs ${mb(at1k.heapAfter.without)} without | |`);
  }
  line();

  line('## Machine');
  line();
  line(`- ${r.machine.nproc} cores (\`nproc\`), ${r.machine.cpu}, ${r.machine.memory} memory`);
  line(`- ${r.machine.chromium} (Debian, headless, \`--disable-gpu\`), playwright-core; Node ${r.machine.node}; ${r.machine.os}`);
  if (r.load) {
    line(`- Load: ${(r.load.busyBefore * 100).toFixed(0)} % of the CPUs busy just before the start (after waiting ${r.load.waitedS.toFixed(0)} s for a quiet`);
    line(`  machine), 1-minute load average ${r.load.loadAverageStart.toFixed(2)} at the start and ${r.load.loadAverageEnd.toFixed(2)} at the end. The figures are only`);
    line('  as good as the machine was quiet: anything else running (a test suite, a build) lands in them.');
  }
  line();

  line('## Method');
  line();
  line('- **Browsers.** Two headless Chromium instances launched once for the whole run with the same flags: one with');
  line('  the built extension (`--load-extension=dist/chrome`), one with **no extension at all** ("without"). Every');
  line('  round opens a fresh tab. Pages are served at their real URLs by `context.route` (no network).');
  line('- **Feed workload.** `tests/fixtures/bench/feed.html` at `https://demo.momomask.test/bench`, where the built-in');
  line(`  demo rule applies. \`window.__bench.run(n, ${BATCH})\` inserts n posts, ${BATCH} per animation frame: each batch is built`);
  line('  off-document (createElement, setAttribute, text nodes) inside the frame callback and appended in one go, like');
  line('  a React commit. A post has an avatar `img[data-role=avatar]`, a display name, a handle, a location label and a');
  line(`  mention; 2,000 distinct people. An **identity** is one avatar, name or handle element: ${IDENTITIES_PER_POST} per post.`);
  line('- **Variants.** *with extension*; *no extension*; *no extension + hiding stylesheet*: the page setup puts a');
  line("  plain `<style>` in `<head>` that gives the rule's elements `opacity: 0` (the floor any masking could reach).");
  line('- **Main-thread time.** CDP `Performance.getMetrics` on the tab, read right before `run()` and right after it');
  line('  resolves (two frames after the last batch): `TaskDuration` (all main-thread tasks: script, style, layout,');
  line('  paint, image loading), with `ScriptDuration`, `LayoutDuration` and `RecalcStyleDuration` beside it. The domain');
  line(
    `  is **${r.timeDomain === 'timeTicks' ? 'wall time (`timeTicks`)' : "the main thread's CPU time (`Performance.enable({timeDomain: 'threadTicks'})`)"}**: on a 2-core machine shared with`,
  );
  line("  the browser's other threads (and whatever else runs) wall-clock durations swing by 2× from round to round, CPU");
  line('  time less; `BENCH_TIME_DOMAIN=timeTicks` measures wall time instead. The host also has slow and fast phases that');
  line("  last several rounds (one variant's TaskDuration spans up to 1.5× within a run): each round runs the variants back");
  line('  to back, and the verdicts take, for each round, its own ratio or difference, then the median over the rounds');
  line('  ("round by round"; the same figure from the medians of all rounds is shown beside it).');
  line('  **Overhead** = (TaskDuration with − without) / without. **Extra script time per 1,000 identities** =');
  line('  (ScriptDuration with − without) / (identities / 1,000). The page also times, itself, the MutationObserver');
  line('  callbacks each append triggers (a microtask queued right after the append runs after them): the');
  line('  "masking in observer" column, (with − without) per 1,000 identities, in wall time (it includes the time the');
  line('  thread waited for a core).');
  line('- **Heap.** `JSHeapUsedSize` after `HeapProfiler.collectGarbage`, once the feed is in.');
  line('- **No flash.** `tests/e2e/harness/paint-probe.js` as the first script of `<head>` (`data-names` = every first name');
  line("  of the feed's people, as written and lower-cased as in handles; each name and handle contains one), checking");
  line('  every frame right before paint; a frame counts when it showed at least one unmasked identity.');
  line('- **Saved pages.** Every `tests/fixtures/<site>/<page>/page.html` with an `expected.json` (its URL), served as the');
  line('  e2e suite serves it (page scripts blocked by CSP, avatars as images). Each tab first loads an empty page of');
  line('  the same site, so the navigation stays in one renderer: TaskDuration/ScriptDuration from the start of the');
  line('  navigation to two frames after `load`; load time from navigation timing (`loadEventEnd`).');
  line(`- **SPA navigation.** The React live feed (\`tests/fixtures/demo/live-feed\`, built by its build.mjs, probe in \`<head>\`):`);
  line(`  ${SPA_LOOPS} round trips feed → profile → feed through \`history.pushState\`, two frames after each step; the app keeps`);
  line('  re-rendering every 250 ms meanwhile, in both variants.');
  line('- **Popup.** `chrome-extension://<id>/src/popup/index.html?tab=<bench feed tab>` in a new tab whose viewport is the size');
  line(`  the browser draws this popup at (${POPUP_VIEWPORT.width}×${POPUP_VIEWPORT.height}: its width, and the largest popup height, which every view of it`);
  line("  exceeds; in the window's 1280×900 both pages painted ~10 ms later in a side-by-side check): first contentful paint");
  line("  (the popup's `<main>` is empty until it has its answers), and when its content entered the DOM (MutationObserver");
  line('  from an init script); once with the worker running, once right after stopping it. The same for a **minimal');
  line('  extension** loaded beside it (scripts/bench/reference-extension.ts: a page with one module script that reads');
  line('  storage and writes a heading, a worker with one listener), round by round in alternating order: the reference');
  line("  for what the browser itself costs here. An extension page of each stays open throughout, so both extensions'");
  line('  processes are alive as they are while a user browses.');
  line('- **Worker.** CDP `ServiceWorker.stopAllWorkers`, waiting until CDP reports it stopped; then, from an extension page,');
  line("  `chrome.runtime.sendMessage({type: 'page:get-rule', siteId: 'x'})` (the rule in force for x.com: the built-in one or");
  line("  the user's edit, read from storage) timed to the reply (cold),");
  line('  and the same message again (warm).');
  line('- **When.** The popup and worker rounds run twice: first thing in the run, in the fresh browser once the machine is');
  line('  quiet again after the two browsers started (the verdict), and again at the end in the same browser (shown beside it).');
  line('- **Bundle.** Bytes of `dist/chrome/src/content/index.js` as built (minified), and gzip -9.');
  line('- **Firefox.** After Chromium has closed: the feed with the probe in Firefox ESR, with the Firefox build and without it (its own section).');
  line();

  if (feed.length) {
    line(`## Feed: inserting n posts (medians; ${r.rounds} rounds, ${at1k?.rounds ?? r.rounds} for 1,000 posts)`);
    line();
    line('Main thread during the insertion, ms (TaskDuration; min–max over the rounds in brackets):');
    line();
    line(
      '| posts | rounds | identities | no extension | hiding stylesheet | with extension | overhead | overhead, round by round | overhead of the stylesheet | wall time with / without |',
    );
    line('|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const f of feed) {
      const cell = (v: FeedVariant) => `${ms(f.task[v])} (${ms(f.taskSpread[v].min)}–${ms(f.taskSpread[v].max)})`;
      line(
        `| ${num(f.posts)} | ${f.rounds} | ${num(f.identities)} | ${cell('without')} | ${cell('floor')} | ${cell('with')} | ${pct(f.overhead)} | ${pct(f.pairedOverhead)} | ${pct(f.floorOverhead)} | ${ms(f.wall.with)} / ${ms(f.wall.without)} |`,
      );
    }
    line();
    line('Where it goes, ms, and cost per 1,000 identities:');
    line();
    line(
      '| posts | script without / with | style without / with | layout without / with | extra script per 1,000 identities | masking in observer per 1,000 identities | extra main thread per 1,000 identities | identities masked | JS heap without / with |',
    );
    line('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
    for (const f of feed) {
      line(
        `| ${num(f.posts)} | ${ms(f.script.without)} / ${ms(f.script.with)} | ${ms(f.style.without)} / ${ms(f.style.with)} | ${ms(f.layout.without)} / ${ms(f.layout.with)} | ${ms(f.extraScriptPer1k)} | ${ms(f.observerPer1k)} | ${ms(f.extraTaskPer1k)} | ${num(f.masked)} | ${mb(f.heapAfter.without)} / ${mb(f.heapAfter.with)} |`,
      );
    }
    line();
    line('![Main-thread time against feed size, and cost per 1,000 identities](bench-scaling.svg)');
    line();
  }

  if (r.probe.length) {
    line('## No flash: the paint probe on the 1,000-post feed');
    line();
    line('| variant | rounds | frames checked (median) | frames with an unmasked identity, per round | kinds seen |');
    line('|---|---:|---:|---|---|');
    for (const variant of ['with', 'without', 'floor'] as FeedVariant[]) {
      const rounds = r.probe.filter((p) => p.variant === variant);
      if (!rounds.length) continue;
      const kinds = [...new Set(rounds.flatMap((p) => p.kinds))].join(', ') || '–';
      line(`| ${VARIANT_LABEL[variant]} | ${rounds.length} | ${ms(median(rounds.map((p) => p.frames)))} | ${rounds.map((p) => p.unmaskedFrames).join(', ')} | ${kinds} |`);
    }
    line();
    line('Without the extension the probe must see the names (it proves the probe looks); the probe logs at most 200');
    line('violations, so its frame count there is a lower bound.');
    line();
  }

  if (r.firefox?.rounds.length) {
    const { version, rounds } = r.firefox;
    const posts = rounds[0].posts;
    const identities = (posts * IDENTITIES_PER_POST) / 1000;
    line(`## Firefox ESR: the same ${num(posts)}-post feed, where its API allows`);
    line();
    line(`${version}, headless, driven over WebDriver BiDi by puppeteer-core as the e2e suite drives it; the Firefox build`);
    line('(dist/firefox) installed in one instance, nothing in the other, the same preferences; rounds alternate. BiDi has no');
    line("counterpart of CDP's Performance metrics, so there is no main-thread task or script time here: the figures are the");
    line("page's own, the paint probe's frames and the wall time in the MutationObserver callbacks each append triggers");
    line('(feed.js), which with the extension is its masking.');
    line();
    line(
      '| variant | rounds | frames checked (median) | frames with an unmasked identity, per round | kinds seen | in observer callbacks, ms (median) | per 1,000 identities | feed wall time, ms |',
    );
    line('|---|---:|---:|---|---|---:|---:|---:|');
    for (const variant of ['with', 'without'] as const) {
      const of = rounds.filter((f) => f.variant === variant);
      if (!of.length) continue;
      const kinds = [...new Set(of.flatMap((f) => f.kinds))].join(', ') || '–';
      const observers = median(of.map((f) => f.page.observers));
      line(
        `| ${VARIANT_LABEL[variant]} | ${of.length} | ${ms(median(of.map((f) => f.frames)))} | ${of.map((f) => f.unmaskedFrames).join(', ')} | ${kinds} | ${ms(observers)} | ${ms(observers / identities)} | ${ms(median(of.map((f) => f.page.wall)))} |`,
      );
    }
    line();
    line(
      `Identities masked with the extension, per round: ${rounds
        .filter((f) => f.variant === 'with')
        .map((f) => num(f.masked))
        .join(', ')} of ${num(posts * IDENTITIES_PER_POST)}.`,
    );
    line('Compare the time in the callbacks with Chromium\'s "masking in observer" column above (the same wall-time measure):');
    line('the same engine costs several times as much in Firefox, where a content script reaches the page through Xray');
    line('wrappers (there the masker keeps what it changed in WeakMaps, not on the nodes: src/content/change-store.ts).');
    line();
  }

  if (r.profile) {
    const p = r.profile;
    line(`## Where the content script's time goes (CPU profile, one ${num(p.posts)}-post round)`);
    line();
    line(`CDP sampling profiler at 100 µs. Samples with a content-script frame on the stack: ${ms(p.contentMs)} ms of ${ms(p.totalMs)} ms`);
    line('sampled (idle excluded; a profiled round runs slower than the timed ones). Self time by frame: a native call made');
    line('by the content script is charged to that call (a style recalculation it forces shows up inside it).');
    line();
    out.push(...profileTable(p.lines));
    line();
  }

  const pages = pageFigures(r);
  if (pages.length) {
    line(`## Saved pages: load with vs without (medians of ${r.rounds} rounds)`);
    line();
    line('| page | marked elements | load ms without / with | main thread ms without / with | overhead | script ms without / with |');
    line('|---|---:|---:|---:|---:|---:|');
    for (const p of pages) {
      line(
        `| ${p.id} | ${num(p.marked)} | ${ms(p.load.without)} / ${ms(p.load.with)} | ${ms(p.task.without)} / ${ms(p.task.with)} | ${pct(p.overhead)} | ${ms(p.script.without)} / ${ms(p.script.with)} |`,
      );
    }
    const total = (pick: (p: (typeof pages)[number]) => number) => pages.reduce((sum, p) => sum + pick(p), 0);
    const tw = total((p) => p.task.with);
    const two = total((p) => p.task.without);
    line(
      `| **all ${pages.length} pages** | | ${ms(total((p) => p.load.without))} / ${ms(total((p) => p.load.with))} | ${ms(two)} / ${ms(tw)} | ${pct((tw - two) / two)} | ${ms(total((p) => p.script.without))} / ${ms(total((p) => p.script.with))} |`,
    );
    line();
    line('Saved pages run none of their own scripts (CSP), so "script" there is almost only the content script.');
    if (r.pagesSkipped.length) line(`Skipped: ${r.pagesSkipped.join('; ')}.`);
    line();
  }

  if (r.spa.length) {
    const s = spaFigures(r);
    line(`## SPA navigation on the React live feed (medians of ${s.rounds} rounds)`);
    line();
    line('| | no extension | with extension | |');
    line('|---|---:|---:|---|');
    line(
      `| main thread for ${s.navigations} navigations, ms | ${ms(s.task.without)} | ${ms(s.task.with)} | overhead ${pct(s.overhead)}; ${ms(s.extraTaskPerNavigation)} ms more per navigation |`,
    );
    line(`| script, ms | ${ms(s.script.without)} | ${ms(s.script.with)} | ${ms(s.extraScriptPerNavigation)} ms more per navigation |`);
    line(
      `| frames with an unmasked identity, per round | ${s.unmaskedFramesWithout.join(', ')}${s.probeLogFullWithout ? ' (log full: at least)' : ''} | ${s.unmaskedFramesWith.join(', ')} | target 0 with the extension (${ms(s.frames)} frames checked per round) |`,
    );
    line(`| posts on the feed | | ${ms(s.posts)} | |`);
    line();
  }

  if (r.bundle.length || r.popup.length || r.worker.length) {
    line('## Extension');
    line();
    if (r.bundle.length) {
      line('| bundle | bytes | gzip -9 | lines |');
      line('|---|---:|---:|---:|');
      for (const b of r.bundle) line(`| dist/chrome/${b.file} | ${num(b.bytes)} (${kb(b.bytes)}) | ${num(b.gzipBytes)} (${kb(b.gzipBytes)}) | ${b.lines} |`);
      line();
      if (r.bundle.some((b) => b.file.includes('site-rules/'))) {
        line("A page of a built-in site gets the engine plus that site's rule script (the largest and the demo one are listed).");
        line();
      }
    }
    if (r.popup.length) {
      line(
        `| popup (${popupWarm.length} + ${popupCold.length} opens per phase) | first contentful paint, ms | content in the DOM, ms | scripts loaded and run (DOMContentLoaded), ms | min–max FCP |`,
      );
      line('|---|---:|---:|---:|---:|');
      const phases: [Phase, string][] = [
        ['fresh', 'fresh browser, before the workloads'],
        ['after', 'after the workloads, same browser'],
      ];
      const subjects: [Subject, string][] = [
        ['momo', 'popup'],
        ['reference', 'minimal extension page'],
      ];
      for (const [phase, when] of phases) {
        for (const [subject, what] of subjects) {
          for (const [label, cold] of [
            ['worker running', false],
            ['worker stopped first', true],
          ] as const) {
            const list = inPhase(r.popup, phase, subject).filter((p) => p.cold === cold);
            if (!list.length) continue;
            const fcps = list.map((p) => p.firstContentfulPaintMs);
            line(
              `| ${when}: ${what}, ${label} | ${ms(median(fcps))} | ${ms(median(list.map((p) => p.contentInsertedMs)))} | ${ms(median(list.map((p) => p.scriptsRunMs)))} | ${ms(Math.min(...fcps))}–${ms(Math.max(...fcps))} |`,
            );
          }
        }
      }
      line();
      if (hasReference) {
        line('The minimal extension page (one module script that reads storage and writes a heading, in an extension of its');
        line("own loaded beside Momo Mask) is the browser's own cost of opening an extension page in a tab on this machine:");
        line("the popup's figure less that one is what Momo Mask adds.");
        line();
      }
      if (later) {
        line('The opens at the end of the run come after minutes of workloads in the same browsers, on a shared 2-core');
        line('machine whose load changes from minute to minute: compare the popup with the minimal page of the same moment.');
        line();
      }
      const shown = popupWarm[0]?.text ?? '';
      line(`The popup showed: "${shown.length > 160 ? `${shown.slice(0, 160)}…` : shown}".`);
      line();
    }
    if (r.worker.length) {
      const rounds = inPhase(r.worker, verdictPhase);
      const cold = rounds.map((w) => w.coldMs);
      line(
        `Worker, "rules for this host" (${rounds.length} rounds, ${verdictPhase === 'fresh' ? 'fresh browser' : 'after the workloads'}): cold ${ms(workerCold)} ms median (${ms(Math.min(...cold))}–${ms(Math.max(...cold))}),`,
      );
      line(`warm ${ms(median(rounds.map((w) => w.warmMs)))} ms. Reply: \`${rounds[0].reply}\`.`);
      const reference = inPhase(r.worker, verdictPhase, 'reference');
      if (reference.length) {
        line(`The minimal extension's worker (one message listener that answers at once), same rounds: cold ${ms(referenceWorker)} ms`);
        line(
          `(${ms(Math.min(...reference.map((w) => w.coldMs)))}–${ms(Math.max(...reference.map((w) => w.coldMs)))}), warm ${ms(median(reference.map((w) => w.warmMs)))} ms: what waking any extension worker costs here.`,
        );
      }
      line();
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The plot: two panels, drawn by hand.

const COLOURS: Record<FeedVariant, string> = { without: '#4a7bd1', floor: '#2a9d6f', with: '#d1495b' };

export function renderSvg(r: Results): string {
  const feed = feedFigures(r);
  const width = 1000;
  const height = 420;
  const xs = feed.map((f) => f.posts);
  const body: string[] = [];
  if (xs.length) {
    const variants: FeedVariant[] = ['without', 'floor', 'with'];
    body.push(
      panel(
        0,
        0,
        500,
        height - 20,
        'Main-thread time inserting the feed (TaskDuration)',
        r.timeDomain === 'timeTicks' ? 'ms, wall time (median)' : 'ms of main-thread CPU (median)',
        xs,
        variants.map((v) => ({ label: VARIANT_LABEL[v], colour: COLOURS[v], points: feed.map((f: FeedFigures) => [f.posts, f.task[v]] as [number, number]) })),
        false,
      ),
    );
    body.push(
      panel(
        500,
        0,
        500,
        height - 20,
        'Extension cost per 1,000 identities (flat = linear)',
        'ms per 1,000 identities',
        xs,
        [
          { label: 'extra main thread (TaskDuration)', colour: '#d1495b', points: feed.map((f) => [f.posts, f.extraTaskPer1k] as [number, number]) },
          { label: 'extra script (ScriptDuration)', colour: '#8a5cc2', points: feed.map((f) => [f.posts, f.extraScriptPer1k] as [number, number]) },
          { label: 'masking in the observer callbacks (wall time)', colour: '#e08a1e', points: feed.map((f) => [f.posts, f.observerPer1k] as [number, number]) },
          { label: 'target: 20 ms of script', colour: '#999', dashed: true, points: xs.map((x) => [x, 20] as [number, number]) },
        ],
        true,
      ),
    );
  }
  body.push(
    `<text x="${width / 2}" y="${height - 4}" text-anchor="middle" fill="#777" font-size="11">Momo Mask ${esc(r.extensionVersion)} · ${esc(r.machine.chromium)} · ${r.machine.nproc} cores ${esc(r.machine.cpu)} · medians of ${r.rounds} rounds · ${esc(r.machine.date)} · npm run bench</text>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    ...body,
    '</svg>',
    '',
  ].join('\n');
}
