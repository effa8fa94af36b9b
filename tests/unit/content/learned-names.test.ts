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
  return { names: new LearnedNames(seen, shownAs), learn };
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
