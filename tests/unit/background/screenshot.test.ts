/**
 * The parts of the masked screenshot that need no browser: where the whole page is scrolled to,
 * the file's name (the site and the time, never the page's title), and what a person is told.
 * The capture itself runs in Chromium and Firefox (tests/e2e/share.*).
 */
import { describe, expect, it } from 'vitest';
import { scrollPlan } from '../../../src/background/screenshot';
import { shotFileName, shotMessage } from '../../../src/shared/screenshot';

describe('scrollPlan', () => {
  it('covers the page a viewport at a time, the last one ending at its bottom', () => {
    expect(scrollPlan(2000, 900, 16_384)).toEqual([0, 900, 1100]);
    expect(scrollPlan(1800, 900, 16_384)).toEqual([0, 900]);
  });

  it('takes one capture of a page no taller than the viewport', () => {
    expect(scrollPlan(900, 900, 16_384)).toEqual([0]);
    expect(scrollPlan(400, 900, 16_384)).toEqual([0]);
  });

  it('stops at the height limit on an endless feed', () => {
    const plan = scrollPlan(100_000, 900, 4000);
    expect(plan).toEqual([0, 900, 1800, 2700, 3100]);
    expect(plan.at(-1)! + 900).toBe(4000);
  });
});

describe('shotFileName', () => {
  const when = new Date(2026, 11, 5, 9, 3, 7);
  it('names the site and the local time', () => {
    expect(shotFileName('https://www.x.com/ingrid_solberg/status/1', when)).toBe('momo-mask-x.com-20261205-090307.png');
    expect(shotFileName('https://demo.momomask.test/share', when)).toBe('momo-mask-demo.momomask.test-20261205-090307.png');
  });

  it('has a name for a page without a host', () => {
    expect(shotFileName('about:blank', when)).toBe('momo-mask-page-20261205-090307.png');
    expect(shotFileName('not a url', when)).toBe('momo-mask-page-20261205-090307.png');
  });
});

describe('shotMessage', () => {
  const message = (name: string, ...substitutions: string[]) => [name, ...substitutions].join(' ');
  it('says why nothing was captured, the warning, or where the file went', () => {
    expect(shotMessage({ kind: 'refused', reason: 'off' }, message)).toBe('screenshotOff');
    expect(shotMessage({ kind: 'refused', reason: 'unmasked' }, message)).toBe('screenshotUnmasked');
    expect(shotMessage({ kind: 'warn', fallback: 3 }, message)).toBe('screenshotWarn 3');
    expect(shotMessage({ kind: 'done', file: 'a.png', png: '', copied: true }, message)).toBe('screenshotDone a.png');
    expect(shotMessage({ kind: 'done', file: 'a.png', png: '', copied: false }, message)).toBe('screenshotSaved a.png');
  });
});
