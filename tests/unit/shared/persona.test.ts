import { describe, expect, it } from 'vitest';
import { LABEL_PRESETS, newSalt, pseudonymFor } from '../../../src/shared/persona';
import { isLabel, MAX_LABEL_LENGTH } from '../../../src/shared/settings';

describe('pseudonyms', () => {
  it('are stable for a person and salt, case-insensitively', () => {
    const a = pseudonymFor('salt-1', 'Alice_W');
    expect(a).toEqual(pseudonymFor('salt-1', 'alice_w'));
    expect(a.name).toMatch(/^momo·[0-9a-hjkmnp-tv-z]{4}$/);
    expect(a.hue).toBeGreaterThanOrEqual(0);
    expect(a.hue).toBeLessThan(360);
  });

  it('differ between people, and between installs for the same person', () => {
    const people = Array.from({ length: 200 }, (_, i) => pseudonymFor('salt-1', `person${i}`).name);
    expect(new Set(people).size).toBeGreaterThan(195);
    expect(pseudonymFor('salt-1', 'alice').name).not.toBe(pseudonymFor('salt-2', 'alice').name);
  });

  it('salts are 128 random bits', () => {
    expect(newSalt()).toMatch(/^[0-9a-f]{32}$/);
    expect(newSalt()).not.toBe(newSalt());
    expect(newSalt(() => new Uint8Array(16).fill(255))).toBe('f'.repeat(32));
  });
});

describe('labels', () => {
  it('presets are valid labels in both languages', () => {
    expect(LABEL_PRESETS.flatMap((p) => [p.en, p.zh]).every(isLabel)).toBe(true);
    expect(LABEL_PRESETS.map((p) => p.en)).toEqual(expect.arrayContaining(['momo', 'milk-tea mo', 'postgrad mo', 'night-owl mo', 'momo police']));
  });

  it('refuses empty, overlong and markup labels', () => {
    expect(['', '   ', 'x'.repeat(MAX_LABEL_LENGTH + 1), '<img>', 'a\u0000b'].some(isLabel)).toBe(false);
  });
});
