/**
 * The people of a real-markup feed (site-feed.ts): one real unit of a saved page (a tweet, a
 * comment) becomes a template in which every person-specific value is a slot, and each clone fills
 * the slots with values of its own, so every clone is somebody else: no cache of learned names,
 * pseudonyms or picture addresses can make the next clone cheaper than a new person on the site.
 * Person-specific: the names and handles a reader sees (expected.json), the keys of profile links
 * (the rule's identity.hrefPaths, its identity.attribute), and the id-like parts of profile-picture
 * addresses (the parts outside the host and the rule's avatarUrls, which stay so that the rule and
 * the fake internet still know the picture for an avatar). Pure: works on any DOM (jsdom here).
 */

/** What the page and its rule say about who a unit's people are. */
export interface People {
  /** Display names a reader sees on the page (expected.json). */
  names: readonly string[];
  /** Handles without "@" (expected.json). */
  handles: readonly string[];
  /** Parts of profile-picture addresses (the rule's avatarUrls, expected.json's). */
  avatarUrls: readonly string[];
  /** Profile-link path shapes, "{key}" marking the key, "*" anything (the rule's identity.hrefPaths). */
  hrefPaths: readonly string[];
  /** Keys a path shape also fits that are the site's own pages (identity.notKeys). */
  notKeys?: readonly string[];
  /** An attribute carrying the person's key (identity.attribute, e.g. Weibo's usercard). */
  keyAttribute?: string;
}

export type SlotKind = 'name' | 'handle' | 'key' | 'picture';

export interface Slot {
  kind: SlotKind;
  /** The value in the unit as saved (the first spelling met; others differ only in case). */
  original: string;
}

export interface UnitTemplate {
  /** The unit's outerHTML with each person-specific value replaced by slotToken(slot). */
  html: string;
  slots: Slot[];
}

/** Private-use characters around a slot's number: no page text has them. */
export const slotToken = (slot: number) => `\uE000${slot}\uE001`;
export const SLOT_PATTERN = /\uE000(\d+)\uE001/g;

/** Shortest value worth a slot: shorter ones are words and letters everywhere in markup. */
const MIN_LENGTH = 3;
/**
 * Which kind wins when one value is two things: a handle or a profile key over a name, since the
 * value goes into addresses too (X's "MatthewJshow" is both his name and his handle: given a name,
 * a clone's links read "/Neka Kaka", an address no site writes, which the engine must then parse).
 */
const PRIORITY: readonly SlotKind[] = ['handle', 'key', 'name', 'picture'];
const CJK = /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/;
const literal = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A value as a word: not inside a longer run of Latin letters and digits ("ali" is not in "alibaba"), case-insensitive. */
const bounded = (alternatives: string) => new RegExp(`(?<![A-Za-z0-9])(?:${alternatives})(?![A-Za-z0-9])`, 'gi');

/** Every text, comment and attribute value under `root` (template contents included), readable and writable. */
function* strings(root: Node): Generator<{ value: string; set(value: string): void; element?: Element; attribute?: string }> {
  if (root.nodeType === 3 || root.nodeType === 8) {
    const node = root as CharacterData;
    yield { value: node.data, set: (value) => void (node.data = value) };
    return;
  }
  if (root.nodeType === 1) {
    const el = root as Element;
    for (const attr of [...el.attributes]) yield { value: attr.value, set: (value) => void (attr.value = value), element: el, attribute: attr.name };
    const content = (el as HTMLTemplateElement).content;
    if (el.localName === 'template' && content) yield* strings(content);
  }
  for (const child of [...root.childNodes]) yield* strings(child);
}

/** A path shape as a pattern: "{key}" captures the key, "*" captures the rest of the path (also person-specific: /users/1/jeff-atwood). */
function shapePattern(shape: string): RegExp {
  const body = shape
    .split(/(\{key\}|\*)/)
    .map((part) => (part === '{key}' ? '(?<key>[^/?#&]+)' : part === '*' ? '([^?#]*)' : literal(part)))
    .join('');
  return new RegExp(`^${body}(?:[/?#&]|$)`);
}

/** Where a value holds an address part to keep: each avatarUrls part, each host. */
function keptRanges(value: string, parts: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of parts) {
    for (let at = value.indexOf(part); at >= 0; at = value.indexOf(part, at + 1)) ranges.push([at, at + part.length]);
  }
  for (const host of value.matchAll(/\/\/[^/\s"')]+/g)) ranges.push([host.index, host.index + host[0].length]);
  return ranges;
}

/** The id-like runs of a picture address: letters and digits with a digit among them (5+), or long (12+), outside the kept parts. */
export function pictureIds(value: string, parts: readonly string[]): string[] {
  const kept = keptRanges(value, parts);
  const ids: string[] = [];
  for (const run of value.matchAll(/[A-Za-z0-9]+/g)) {
    const [start, end] = [run.index, run.index + run[0].length];
    if (kept.some(([a, b]) => start < b && end > a)) continue;
    if ((run[0].length >= 5 && /\d/.test(run[0])) || run[0].length >= 12) ids.push(run[0]);
  }
  return ids;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** The person-specific values of `unit`, one slot each (case-insensitively distinct), longest first. */
export function findSlots(unit: Element, people: People): Slot[] {
  const found = new Map<string, Slot>();
  const add = (kind: SlotKind, value: string) => {
    const key = value.toLowerCase();
    if (value.length < MIN_LENGTH && !(CJK.test(value) && value.length >= 2)) return;
    const known = found.get(key);
    if (!known || PRIORITY.indexOf(kind) < PRIORITY.indexOf(known.kind)) found.set(key, { kind, original: known?.original ?? value });
  };
  const all = [...strings(unit)];
  const corpus = all.map((s) => s.value).join('\n');
  const present = (value: string) => bounded(literal(value)).test(corpus);
  for (const name of people.names) if (present(name)) add('name', name);
  for (const handle of people.handles) if (present(handle)) add('handle', handle);
  const shapes = people.hrefPaths.map(shapePattern);
  const notKeys = new Set((people.notKeys ?? []).map((k) => k.toLowerCase()));
  for (const { value, attribute } of all) {
    if (attribute === 'href') {
      let path: string;
      try {
        const url = new URL(value, 'https://unit.invalid/');
        path = url.pathname + url.search;
      } catch {
        continue;
      }
      for (const shape of shapes) {
        const match = shape.exec(path);
        if (!match?.groups || notKeys.has(match.groups.key.toLowerCase())) continue;
        for (const part of match.slice(1)) {
          for (const segment of part?.split('/') ?? []) {
            // As the markup may write it: escaped (%E5%BC%A0) or as is (张).
            add('key', segment);
            add('key', safeDecode(segment));
          }
        }
      }
    }
    if (attribute && attribute === people.keyAttribute) for (const id of pictureIds(value, [])) add('key', id);
  }
  // An id that also stands in the unit's other addresses (a post image's ?source=) is the site's, not the person's.
  const isAvatar = (value: string) => people.avatarUrls.some((part) => value.includes(part));
  const addresses = all.filter((s) => s.attribute && /:\/\/|url\(/.test(s.value));
  const shared = new Set(addresses.filter((s) => !isAvatar(s.value)).flatMap((s) => pictureIds(s.value, [])));
  for (const { value, attribute } of all) {
    if (attribute && isAvatar(value)) for (const id of pictureIds(value, people.avatarUrls)) if (!shared.has(id)) add('picture', id);
  }
  return [...found.values()].sort((a, b) => b.original.length - a.original.length);
}

/**
 * Turns `unit` (changed in place: pass a copy) into a template: each slot's value, wherever it
 * stands as a word (text, comments, attributes, template contents), becomes its slot token.
 */
export function unitTemplate(unit: Element, people: People): UnitTemplate {
  const slots = findSlots(unit, people);
  if (slots.length) {
    const index = new Map(slots.map((slot, i) => [slot.original.toLowerCase(), i]));
    // Longest first: a handle inside a longer address is taken with the address.
    const pattern = bounded(slots.map((s) => literal(s.original)).join('|'));
    for (const s of strings(unit)) {
      const replaced = s.value.replace(pattern, (match) => slotToken(index.get(match.toLowerCase())!));
      if (replaced !== s.value) s.set(replaced);
    }
  }
  return { html: unit.outerHTML, slots };
}

/** The slots' original values still anywhere under `root`, even inside longer words (case-insensitive): what a clone would keep of the original people. */
export function leftovers(root: Node, slots: readonly Slot[]): string[] {
  const corpus = [...strings(root)].map((s) => s.value.toLowerCase()).join('\n');
  return slots.map((s) => s.original).filter((value) => corpus.includes(value.toLowerCase()));
}

/** Syllables of generated Latin names: two letters each, so a name decodes one way (no two numbers give one name); none spells "mo". */
const SYLLABLES = ['ka', 'lu', 'ri', 'ne', 'sa', 'to', 'vi', 'de', 'fo', 'ga', 'hi', 'ja', 'ke', 'li', 'nu', 'pa', 'ru', 'se', 'ti', 'zo'];
/** Characters of generated Chinese names (none is 默 or 莫, momo's own). */
const HANZI = [...'安柏晨川东帆歌海禾佳景君凯兰林路明宁青秋然森书松涛文溪夏雪扬依雨远云泽舟竹'];

/** Digits of n in `base`, least significant first, at least `min` of them. */
function digits(n: number, base: number, min: number): number[] {
  const out: number[] = [];
  for (let rest = n; rest > 0 || out.length < min; rest = Math.floor(rest / base)) out.push(rest % base);
  return out;
}

const capital = (word: string) => word[0].toUpperCase() + word.slice(1);

/**
 * The value of a slot for the person numbered `n`: a name or handle in the original's script, an
 * id of the original's shape (each letter and digit replaced by one of its class, from the end, so
 * two numbers never give one value and none gives the original).
 */
export function personValue(slot: Slot, n: number): string {
  const { kind, original } = slot;
  if (kind === 'name' && CJK.test(original))
    return digits(n, HANZI.length, 3)
      .map((d) => HANZI[d])
      .join('');
  if (kind === 'name') {
    const [a, b, ...rest] = digits(n, SYLLABLES.length, 4).map((d) => SYLLABLES[d]);
    return `${capital(a + b)} ${capital(rest.join(''))}`;
  }
  if (kind === 'handle') {
    const dot = original.indexOf('.');
    // A domain handle keeps its domain (glendunlap.bsky.social): the site's part, not the person's.
    return `${digits(n, SYLLABLES.length, 4)
      .map((d) => SYLLABLES[d])
      .join('')}${dot > 0 ? original.slice(dot) : ''}`;
  }
  if (!/[A-Za-z0-9]/.test(original))
    return digits(n, HANZI.length, 3)
      .map((d) => HANZI[d])
      .join('');
  const chars = [...original];
  let rest = n;
  for (let p = chars.length - 1; p >= 0; p--) {
    const c = chars[p];
    const set = /\d/.test(c) ? '0123456789' : /[a-z]/.test(c) ? 'abcdefghijklmnopqrstuvwxyz' : /[A-Z]/.test(c) ? 'ABCDEFGHIJKLMNOPQRSTUVWXYZ' : null;
    if (!set) continue;
    // Shifted by the original's own character plus one: position by position a bijection, giving the original only when every digit is its base's last.
    chars[p] = set[(set.indexOf(c) + 1 + (rest % set.length)) % set.length];
    rest = Math.floor(rest / set.length);
  }
  return chars.join('') + (rest > 0 ? String(rest) : '');
}

/** The values of clone `clone`, slot by slot: each (clone, slot) pair numbers a different person. */
export function cloneValues(slots: readonly Slot[], clone: number): string[] {
  return slots.map((slot, s) => personValue(slot, clone * slots.length + s));
}

/** A clone's markup: the template with its values in (values are letters, digits and CJK: nothing to escape). */
export function fillTemplate(html: string, values: readonly string[]): string {
  return html.replace(SLOT_PATTERN, (_all, k: string) => values[Number(k)]);
}
