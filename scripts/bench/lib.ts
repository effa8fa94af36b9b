/**
 * What every benchmark shares: the two browsers (Debian's Chromium with the built extension, and
 * the same Chromium with no extension at all), one fake internet for both, CDP metrics, statistics.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type BrowserContext, type CDPSession, type Page } from 'playwright-core';
import { PNG } from 'pngjs';
import type { FakeInternet, Reply } from '../../tests/e2e/harness/serve';
import { REFERENCE_WORKER, writeReferenceExtension } from './reference-extension';

export const ROOT = resolve(import.meta.dirname, '../..');
/**
 * The built extension: dist/chrome, or <MOMO_DIST>/chrome (a private build, as the e2e tests take it),
 * or MOMO_BENCH_DIST itself (e.g. an unminified build for profiling).
 */
export const CHROME_DIST = resolve(process.env.MOMO_BENCH_DIST ?? resolve(process.env.MOMO_DIST ?? resolve(ROOT, 'dist-demo'), 'chrome'));
export const BENCH_DIR = resolve(ROOT, 'tests/fixtures/bench');
export const PROBE_SOURCE = readFileSync(resolve(ROOT, 'tests/e2e/harness/paint-probe.js'), 'utf8');

/** floor: a plain stylesheet hiding what the rule masks; naive: the yardstick masker (real-markup feeds only, site-feed.ts). */
/** In the address of every real-markup feed's page (site-feed.ts siteUrl). */
export const SITE_FEED_MARK = 'momo-bench=';

export type Variant = 'with' | 'without' | 'floor' | 'naive';
export const VARIANT_LABEL: Record<Variant, string> = {
  with: 'with extension',
  without: 'no extension',
  floor: 'no extension + hiding stylesheet',
  naive: 'no extension + naive masker',
};

export interface Session {
  kind: 'with' | 'without';
  context: BrowserContext;
  extensionId: string | null;
  /** The reference extension loaded beside it (reference-extension.ts), in the "with" browser. */
  referenceId: string | null;
  close(): Promise<void>;
}

/**
 * Whether the browser still opens a tab. Chromium can die under a workload (its renderer ran past
 * its tile memory on 2,000 Zhihu answers, "tile memory limits exceeded", and took the browser with
 * it): every later call fails then.
 */
export async function alive(session: Session): Promise<boolean> {
  try {
    const page = await session.context.newPage();
    await page.close();
    return true;
  } catch {
    return false;
  }
}

/** Answers the browsers' web requests: exact URLs first (the bench feed), then the fixtures' FakeInternet. */
export class Router {
  readonly exact = new Map<string, Reply>();
  constructor(readonly internet: FakeInternet) {}

  /**
   * @param documentUrl the page that asked: a real-markup feed's pictures (site-feed.ts) may be
   *   cached, as a site's are, where the fixtures answer every picture uncacheable (each clone's own
   *   avatar is a new address anyway; the pictures its post shares with all the others are not).
   */
  reply(url: string, resourceType: string, documentUrl = ''): Reply {
    const reply = this.exact.get(url.split('#')[0]) ?? this.internet.reply(url, resourceType);
    if (!documentUrl.includes(SITE_FEED_MARK) || !reply.headers['content-type']?.startsWith('image/')) return reply;
    return { ...reply, headers: { ...reply.headers, 'cache-control': 'max-age=3600' } };
  }
}

export async function launch(kind: 'with' | 'without', router: Router, dist = CHROME_DIST): Promise<Session> {
  const profile = mkdtempSync(join(tmpdir(), `momo-bench-${kind}-`));
  const home = mkdtempSync(join(tmpdir(), 'momo-bench-home-'));
  const reference = kind === 'with' ? writeReferenceExtension() : null;
  const extensions = [dist, reference].filter(Boolean).join(',');
  const extensionArgs = kind === 'with' ? [`--disable-extensions-except=${extensions}`, `--load-extension=${extensions}`] : [];
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    env: { ...process.env, HOME: home },
    args: [
      ...extensionArgs,
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
  // Only http(s): a catch-all would also answer the extension's own chrome-extension:// files.
  await context.route(/^https?:/, (route) => {
    let documentUrl = '';
    try {
      documentUrl = route.request().frame().url();
    } catch {
      // a request from a worker has no frame
    }
    const reply = router.reply(route.request().url(), route.request().resourceType(), documentUrl);
    return route.fulfill({ status: reply.status, headers: reply.headers, body: reply.body });
  });
  const workerOf = async (script: string) => {
    const isIt = (worker: { url(): string }) => worker.url().endsWith(`/${script}`);
    const worker = context.serviceWorkers().find(isIt) ?? (await context.waitForEvent('serviceworker', { predicate: isIt }));
    return new URL(worker.url()).host;
  };
  const extensionId = kind === 'with' ? await workerOf('service-worker-loader.js') : null;
  const referenceId = reference ? await workerOf(REFERENCE_WORKER) : null;
  return {
    kind,
    context,
    extensionId,
    referenceId,
    async close() {
      await context.close();
      for (const dir of [profile, home, reference]) if (dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Durations in the main thread's CPU time by default: on a 2-core machine the browser's own threads
 * (raster, compositor, network) and anything else running take the cores away, and wall-clock
 * durations swing by 2× between rounds; CPU time holds within a few percent.
 */
export const TIME_DOMAIN: 'threadTicks' | 'timeTicks' = process.env.BENCH_TIME_DOMAIN === 'timeTicks' ? 'timeTicks' : 'threadTicks';

export interface Metrics {
  /** Seconds, as CDP reports them. */
  TaskDuration: number;
  ScriptDuration: number;
  LayoutDuration: number;
  RecalcStyleDuration: number;
  JSHeapUsedSize: number;
  Nodes: number;
}

export async function metrics(cdp: CDPSession): Promise<Metrics> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => list.find((m) => m.name === name)?.value ?? NaN;
  return {
    TaskDuration: get('TaskDuration'),
    ScriptDuration: get('ScriptDuration'),
    LayoutDuration: get('LayoutDuration'),
    RecalcStyleDuration: get('RecalcStyleDuration'),
    JSHeapUsedSize: get('JSHeapUsedSize'),
    Nodes: get('Nodes'),
  };
}

/** A fresh tab with the CDP Performance domain on. */
export async function openTab(session: Session): Promise<{ page: Page; cdp: CDPSession }> {
  const page = await session.context.newPage();
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: TIME_DOMAIN });
  return { page, cdp };
}

export async function collectGarbage(cdp: CDPSession): Promise<void> {
  await cdp.send('HeapProfiler.collectGarbage');
}

/** Lets the page settle: two frames, then `ms` of nothing. */
export async function settle(page: Page, ms = 150): Promise<void> {
  await page.evaluate((wait) => new Promise<void>((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, wait)))), ms);
}

export const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

export function median(values: number[]): number {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (!sorted.length) return NaN;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function spread(values: number[]): { min: number; max: number } {
  const finite = values.filter((v) => Number.isFinite(v));
  return { min: Math.min(...finite), max: Math.max(...finite) };
}

/** A solid-colour PNG (bench avatars: the bench feed's own pictures). */
export function solidPng(size: number, rgba: readonly number[]): Buffer {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < png.data.length; i += 4) png.data.set(rgba, i);
  return PNG.sync.write(png);
}

export interface Machine {
  nproc: number;
  cpu: string;
  memory: string;
  chromium: string;
  node: string;
  os: string;
  date: string;
}

export function machine(): Machine {
  const run = (cmd: string, args: string[]) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '?';
    }
  };
  const cpuModel = run('sh', ['-c', "lscpu | sed -n 's/^Model name: *//p' | head -1"]) || cpus()[0]?.model || '?';
  let os = '?';
  try {
    os = /PRETTY_NAME="([^"]+)"/.exec(readFileSync('/etc/os-release', 'utf8'))?.[1] ?? '?';
  } catch {
    /* not Linux */
  }
  return {
    nproc: Number(run('nproc', [])) || cpus().length,
    cpu: cpuModel,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    chromium: run('/usr/bin/chromium', ['--version'])
      .split('\n')[0]
      .replace(/\s*built on.*/, ''),
    node: process.version,
    os,
    date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  };
}

/** Share of all CPU time spent busy over `ms` (from /proc/stat; NaN elsewhere). */
export async function cpuBusy(ms: number): Promise<number> {
  const read = () => {
    try {
      const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
      const idle = fields[3] + (fields[4] ?? 0);
      return { idle, total: fields.reduce((a, b) => a + b, 0) };
    } catch {
      return null;
    }
  };
  const a = read();
  await sleep(ms);
  const b = read();
  if (!a || !b || b.total === a.total) return NaN;
  return 1 - (b.idle - a.idle) / (b.total - a.total);
}

export function loadAverage(): number {
  return loadavg()[0];
}

/**
 * Benchmarks on a busy machine measure the other work. Waits (up to `maxS`) until the CPUs are
 * mostly idle for a few seconds in a row; returns what it saw last.
 */
export async function waitForQuiet(maxS: number): Promise<{ busy: number; waitedS: number }> {
  const start = Date.now();
  let busy = await cpuBusy(2000);
  let quietRuns = 0;
  while (Date.now() - start < maxS * 1000) {
    quietRuns = busy < 0.15 ? quietRuns + 1 : 0;
    if (quietRuns >= 2 || !Number.isFinite(busy)) break;
    busy = await cpuBusy(2000);
  }
  const waitedS = (Date.now() - start) / 1000;
  if (waitedS > 5) log(`waited ${waitedS.toFixed(0)} s for a quiet machine; ${(busy * 100).toFixed(0)} % of the CPUs busy now`);
  return { busy, waitedS };
}

export function log(message: string): void {
  process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}
