/**
 * Learned names in labels: found by their first characters, as whole words where Latin, and a label
 * once found clean is read again when a name in it is learned later (labels repeat across a feed).
 */
import { describe, expect, it } from 'vitest';
import { LearnedNames } from '../../../src/content/fallback-layers';

function learnedNames() {
  const seen: string[] = [];
  const shownAs = new Map<string, string>();
  const learn = (name: string, as = 'momo') => {
    seen.push(name);
    shownAs.set(name, as);
  };
  return { names: new LearnedNames({ seenNames: seen, seen: shownAs }), learn };
}

describe('LearnedNames.rewrite', () => {
  it('replaces each learned name, the longest first, Latin ones only as whole words', () => {
    const { names, learn } = learnedNames();
    learn('Ann');
    learn('Ann Lee');
    learn('黄婷婷');
    expect(names.rewrite('Reply to Ann Lee and 黄婷婷')).toBe('Reply to momo and momo');
    expect(names.rewrite('Annual report by Ann')).toBe('Annual report by momo');
  });

  it('reads a label it found clean again once a name in it is learned', () => {
    const { names, learn } = learnedNames();
    learn('Someone Else');
    expect(names.rewrite('Photo by Bob Stone')).toBe('Photo by Bob Stone');
    expect(names.rewrite('Photo by Bob Stone')).toBe('Photo by Bob Stone');
    learn('Bob Stone');
    expect(names.rewrite('Photo by Bob Stone')).toBe('Photo by momo');
    learn('Carol Wu');
    expect(names.rewrite('Photo by Bob Stone')).toBe('Photo by momo');
  });
});

describe('LearnedNames.anyIn', () => {
  it('finds any learned name anywhere in a text, words or not, short Latin and Han ones too', () => {
    const { names, learn } = learnedNames();
    expect(names.anyIn('Ann Lee wrote this')).toBe(false);
    learn('Ann Lee');
    expect(names.anyIn('   reply   toAnn Leeward ')).toBe(true);
    expect(names.anyIn('Ann Le e')).toBe(false);
    learn('黄婷婷');
    expect(names.anyIn('来自福建黄婷婷回复')).toBe(true);
    expect(names.anyIn('来自福建黄婷回复')).toBe(false);
    // Too short to be filed for rewriting, and still a whole text the walk would find ("Jo", "@Q").
    learn('Jo');
    learn('Q');
    expect(names.anyIn('\n  Jo\n')).toBe(true);
    expect(names.anyIn('@Q')).toBe(true);
    expect(names.anyIn('nothing here')).toBe(false);
  });
});

describe('LearnedNames: many names with the same first letters', () => {
  /** Names as the bench's clones get them: a few syllables, so thousands share their first two letters. */
  const SYLLABLES = ['ka', 'lu', 'ri', 'ne', 'li', 'ke', 'to', 'se'];
  const generated = (n: number) => {
    let name = '';
    for (let rest = n, i = 0; i < 5; i++, rest = Math.floor(rest / SYLLABLES.length)) name += SYLLABLES[rest % SYLLABLES.length];
    return `li${name}`;
  };

  it('still finds the longest whole-word name once thousands are filed', () => {
    const { names, learn } = learnedNames();
    for (let n = 0; n < 3000; n++) learn(generated(n), `momo${n}`);
    learn('Lina', 'momo-a');
    learn('Lina Ka', 'momo-b');
    learn('Lina Kaluri Nelu', 'momo-d');
    learn('Lina Kaluri', 'momo-c');
    expect(names.rewrite(`by ${generated(2999)} and ${generated(7)}, then Lina Kaluri, Lina Ka, Lina Kal and Lina Kaluri Nelu`)).toBe(
      'by momo2999 and momo7, then momo-c, momo-b, momo-a Kal and momo-d',
    );
    // Inside a longer word a Latin name is no name.
    expect(names.rewrite(`x${generated(5)}`)).toBe(`x${generated(5)}`);
    expect(names.anyIn(`like to see ${generated(1234)} here`)).toBe(true);
    expect(names.anyIn('like to see likelu here, likely')).toBe(false);
  });

  it('compares a place in a text with a few names, not with every name sharing its first letters', () => {
    const text = 'I like to think it is likely to be liked; like it or not, listen, lit, lift, link. '.repeat(20);
    const comparisons = (count: number) => {
      const { names, learn } = learnedNames();
      for (let n = 0; n < count; n++) learn(generated(n));
      names.anyIn('warm up'); // files them
      const startsWith = String.prototype.startsWith;
      let calls = 0;
      String.prototype.startsWith = function (this: string, ...args: Parameters<typeof startsWith>) {
        calls++;
        return startsWith.apply(this, args);
      };
      try {
        expect(names.anyIn(text)).toBe(false);
      } finally {
        String.prototype.startsWith = startsWith;
      }
      return calls;
    };
    const few = comparisons(40);
    const many = comparisons(4000);
    expect(few).toBeGreaterThan(0);
    expect(many).toBeLessThanOrEqual(2 * few);
  });
});

describe('LearnedNames.anyIn: places no name starts at', () => {
  it('passes over a text none of whose pairs of characters starts a name without a lookup', () => {
    const { names, learn } = learnedNames();
    for (let n = 0; n < 50; n++) learn(`Zq${n} Person`);
    learn('黄婷婷');
    names.anyIn('warm up'); // files them
    const get = Map.prototype.get;
    let lookups = 0;
    Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
      lookups++;
      return get.call(this, key);
    };
    try {
      expect(names.anyIn('an ordinary comment, long enough to have many places in it: 来自福建的回复')).toBe(false);
      const none = lookups;
      expect(names.anyIn('a reply to Zq7 Person')).toBe(true);
      expect({ none, some: lookups > none }).toEqual({ none: 0, some: true });
    } finally {
      Map.prototype.get = get;
    }
  });
});
