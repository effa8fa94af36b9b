/** How the bench judges its figures (scripts/bench/verdicts.ts, site-results.ts): the report's verdict columns. */
import { describe, expect, it } from 'vitest';
import { paired, sees } from '../../../scripts/bench/site-results';
import { growth, siteVerdicts, TARGETS, type JudgedFigures } from '../../../scripts/bench/verdicts';

const points = (...costs: number[]) => costs.map((cost, i) => ({ size: 500 * 2 ** i, cost }));

describe('growth', () => {
  it('is flat when no size costs more than 30 % above a smaller one', () => {
    expect(growth(points(10, 11, 12.5, 12.9, 12)).flat).toBe(true);
  });

  it('is not flat when a larger size costs more than 30 % above any smaller one, and says which', () => {
    // The X figures: 108 → 110 → 123 → 155 ms per 1,000 identities.
    const g = growth(points(108, 110, 123, 155));
    expect(g.flat).toBe(false);
    expect(g.by).toBeCloseTo(155 / 108 - 1);
    expect([g.from, g.to]).toEqual([500, 4000]);
  });

  it('compares each size with every smaller one, not only its neighbour', () => {
    expect(growth(points(10, 12, 12.4, 12.8, 13.5)).flat).toBe(false);
  });

  it('does not count a smaller feed costing more (before the JIT) as growth', () => {
    expect(growth(points(21, 16, 15, 14, 12)).flat).toBe(true);
  });

  it('cannot judge one size, and skips sizes not measured', () => {
    expect(growth(points(10)).flat).toBeNull();
    expect(growth(points(10, Number.NaN, 12)).flat).toBe(true);
  });
});

describe('siteVerdicts', () => {
  const good: JudgedFigures = {
    unmaskedFrames: 0,
    scriptPer1k: 4,
    naiveScriptPer1k: 9,
    callbackMaxMs: 3,
    taskOverhead: 0.03,
    styleLayoutOverFloor: 0.05,
    growth: growth(points(4, 4.2)),
  };
  const all = (value: boolean) => ({ unmaskedFrames: value, script: value, callback: value, task: value, styleLayout: value, flat: value });

  it('meets every target with figures inside them', () => {
    expect(siteVerdicts(good)).toEqual(all(true));
  });

  it('misses each target just past its bound', () => {
    expect(siteVerdicts({ ...good, unmaskedFrames: 1 }).unmaskedFrames).toBe(false);
    expect(siteVerdicts({ ...good, callbackMaxMs: TARGETS.callbackMs }).callback).toBe(false);
    expect(siteVerdicts({ ...good, taskOverhead: TARGETS.taskOverhead }).task).toBe(false);
    expect(siteVerdicts({ ...good, styleLayoutOverFloor: 0.11 }).styleLayout).toBe(false);
    expect(siteVerdicts({ ...good, growth: growth(points(4, 5.3)) }).flat).toBe(false);
  });

  it('wants extra script both under 10 ms per 1,000 identities and at most half the naive masker’s', () => {
    expect(siteVerdicts({ ...good, scriptPer1k: 4.5 }).script).toBe(true);
    expect(siteVerdicts({ ...good, scriptPer1k: 4.6 }).script).toBe(false);
    expect(siteVerdicts({ ...good, scriptPer1k: 10, naiveScriptPer1k: 40 }).script).toBe(false);
    // The Xiaohongshu: 10.6 against a naive 12.5.
    expect(siteVerdicts({ ...good, scriptPer1k: 10.6, naiveScriptPer1k: 12.5 }).script).toBe(false);
  });

  it('leaves unmeasured figures unjudged', () => {
    const none = siteVerdicts({ ...good, unmaskedFrames: Number.NaN, callbackMaxMs: Number.NaN, styleLayoutOverFloor: Number.NaN });
    expect([none.unmaskedFrames, none.callback, none.styleLayout]).toEqual([null, null, null]);
    // Without naive rounds (the demo feed) only the absolute bound holds.
    expect(siteVerdicts({ ...good, naiveScriptPer1k: Number.NaN }).script).toBe(true);
  });
});

describe('paired', () => {
  it('takes each round of one variant with the same round of the other, then the median', () => {
    const rounds = [
      { variant: 'with', ms: 110 },
      { variant: 'without', ms: 100 },
      { variant: 'without', ms: 200 },
      { variant: 'with', ms: 260 },
      { variant: 'with', ms: 330 },
      { variant: 'without', ms: 300 },
    ];
    // Per round: +10 %, +30 %, +10 %; the ratio of the medians (260 / 200) would say +30 %.
    expect(paired(rounds, 'with', 'without', (w, wo) => w.ms / wo.ms - 1)).toBeCloseTo(0.1);
  });

  it('pairs by round number when the rounds carry one: a round lost on one side pairs nothing', () => {
    // Round 0 of "with" was lost (its browser died, run.ts): by position, round 1's "with" would meet round 0's "without".
    const rounds = [
      { variant: 'without', round: 0, ms: 100 },
      { variant: 'with', round: 1, ms: 330 },
      { variant: 'without', round: 1, ms: 300 },
      { variant: 'with', round: 2, ms: 440 },
      { variant: 'without', round: 2, ms: 400 },
    ];
    expect(paired(rounds, 'with', 'without', (w, wo) => w.ms / wo.ms - 1)).toBeCloseTo(0.1);
  });
});

describe('sees', () => {
  it('trusts the probe only where it saw the clones without the extension', () => {
    expect(sees([0, 0])).toBe(false);
    expect(sees([])).toBe(false);
    expect(sees([0, 26])).toBe(true);
  });
});
