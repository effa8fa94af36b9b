/**
 * The real-markup feeds' clones (scripts/bench/clone.ts) on every unit the bench clones
 * (scripts/bench/sites.ts): each clone is somebody else through and through, and the site's rule
 * finds in a clone what it finds in the original.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cloneValues, fillTemplate, leftovers, personValue, unitTemplate, type Slot } from '../../../scripts/bench/clone';
import { peopleOf, SITE_UNITS, unitOf } from '../../../scripts/bench/sites';
import { MASKED_FIELDS, type SiteRule } from '../../../src/shared/rule/fields';
import type { Expected } from '../../e2e/harness/fixtures';

const ROOT = resolve(__dirname, '../../..');
const parse = (html: string) => new DOMParser().parseFromString(html, 'text/html');
/** A clone's markup as a live element (a <template> parses table rows too). */
function element(html: string): Element {
  const template = document.createElement('template');
  template.innerHTML = html;
  return template.content.firstElementChild!;
}
/** Everything a clone says: text, comments and attribute values. */
function said(root: Element): string {
  const parts: string[] = [];
  const walk = (node: Node) => {
    if (node.nodeType === Node.ELEMENT_NODE) for (const attr of (node as Element).attributes) parts.push(attr.value);
    else if (node.nodeType === Node.TEXT_NODE || node.nodeType === Node.COMMENT_NODE) parts.push((node as CharacterData).data);
    for (const child of node.nodeName === 'TEMPLATE' ? (node as HTMLTemplateElement).content.childNodes : node.childNodes) walk(child);
  };
  walk(root);
  return parts.join('\n').toLowerCase();
}
/** Elements under `root` (itself included) each selector of the rule's masked fields matches; a selector jsdom cannot read is left out. */
function matches(root: Element, rule: SiteRule): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const field of MASKED_FIELDS) {
    for (const selector of (rule[field.key] as string[] | undefined) ?? []) {
      try {
        counts[selector] = root.querySelectorAll(selector).length + (root.matches(selector) ? 1 : 0);
      } catch {
        // jsdom's selector engine lacks some of what browsers read
      }
    }
  }
  return counts;
}

describe.each(SITE_UNITS.filter((spec) => spec.unit))('the $id unit ($fixture)', (spec) => {
  const dir = resolve(ROOT, 'tests/fixtures', spec.fixture);
  const expected = JSON.parse(readFileSync(resolve(dir, 'expected.json'), 'utf8')) as Expected;
  const rule = JSON.parse(readFileSync(resolve(ROOT, 'src/rules', `${spec.id}.json`), 'utf8')) as SiteRule;
  const original = unitOf(parse(readFileSync(resolve(dir, 'page.html'), 'utf8')), spec);
  const originalSaid = said(original);
  const template = unitTemplate(original.cloneNode(true) as Element, peopleOf(rule, expected));
  const clones = [0, 1].map((k) => ({ values: cloneValues(template.slots, k), root: element(fillTemplate(template.html, cloneValues(template.slots, k))) }));

  it('finds the people in it: a name or a handle at least', () => {
    expect(template.slots.some((slot) => slot.kind === 'name' || slot.kind === 'handle')).toBe(true);
  });

  it('leaves nothing of the original people in a clone', () => {
    // Independently of what the template found: no name or handle of the page that the unit shows, no picture address it has.
    const shown = [...expected.names, ...expected.handles].filter((value) => value.length >= 3 && originalSaid.includes(value.toLowerCase()));
    const { avatarUrls } = peopleOf(rule, expected);
    const pictures = [...original.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => avatarUrls.some((part) => a.value.includes(part))).map((a) => a.value));
    for (const { root } of clones) {
      expect(leftovers(root, template.slots)).toEqual([]);
      expect(shown.filter((value) => said(root).includes(value.toLowerCase()))).toEqual([]);
      expect(pictures.filter((address) => said(root).includes(address.toLowerCase()))).toEqual([]);
    }
  });

  it('gives every person-specific value a different value in each clone', () => {
    const [a, b] = clones;
    template.slots.forEach((slot, s) => {
      expect(a.values[s], `${slot.kind} ${slot.original}`).not.toBe(b.values[s]);
      expect(said(b.root), `${slot.kind} ${slot.original}`).not.toContain(a.values[s].toLowerCase());
    });
  });

  it("leaves the rule's hooks in place: its selectors match in a clone what they match in the original", () => {
    const before = matches(original, rule);
    expect(Object.values(before).some((n) => n > 0)).toBe(true);
    for (const { root } of clones) expect(matches(root, rule)).toEqual(before);
  });
});

describe('personValue', () => {
  const slots: Slot[] = [
    { kind: 'name', original: 'Glen Dunlap' },
    { kind: 'name', original: '一只小白' },
    { kind: 'handle', original: 'glendunlap.bsky.social' },
    { kind: 'key', original: '1618051664' },
    { kind: 'picture', original: 'kUuht00m' },
    { kind: 'key', original: 'abc' },
  ];

  it('never gives one value twice across 8,000 clones, nor the original', () => {
    for (const [s, slot] of slots.entries()) {
      const values = new Set(Array.from({ length: 8000 }, (_, k) => personValue(slot, k * slots.length + s)));
      expect(values.size, slot.original).toBe(8000);
      expect(values.has(slot.original), slot.original).toBe(false);
    }
  });

  it("keeps each kind's shape: a name in the original's script, a domain handle's domain, an id's character classes", () => {
    expect(personValue(slots[0], 7)).toMatch(/^[A-Z][a-z]+ [A-Z][a-z]+$/);
    expect(personValue(slots[1], 7)).toMatch(/^[\u4e00-\u9fff]{3}$/);
    expect(personValue(slots[2], 7)).toMatch(/^[a-z]+\.bsky\.social$/);
    expect(personValue(slots[3], 7)).toMatch(/^\d{10}$/);
    expect(personValue(slots[4], 7)).toMatch(/^[a-z][A-Z][a-z]{3}\d\d[a-z]$/);
  });

  it('is never the persona', () => {
    const names = Array.from({ length: 8000 }, (_, n) => personValue(slots[0], n));
    expect(names.filter((name) => name.toLowerCase().includes('momo'))).toEqual([]);
  });
});
