/**
 * The persona: everyone is "momo"; the user's own identity wears their label variant, as the Momo
 * army did ("postgrad mo", "milk-tea mo"). In pseudonym mode each person becomes a stable
 * "momo·xxxx" with a tinted avatar, derived from a salt that never leaves this install and from the
 * site, so the pseudonyms in two users' screenshots cannot be linked, nor one user's on two sites.
 */
export const PERSONA_NAME = 'momo';

/** Label presets, as the crowd writes them in each language; the user may also type their own. */
export const LABEL_PRESETS: readonly { en: string; zh: string }[] = [
  { en: 'momo', zh: 'momo' },
  { en: 'milk-tea mo', zh: '奶茶mo' },
  { en: 'postgrad mo', zh: '研究生mo' },
  { en: 'night-owl mo', zh: '熬夜mo' },
  { en: 'momo police', zh: 'mo警' },
  { en: 'cat-person mo', zh: '猫系mo' },
  { en: 'office mo', zh: '打工mo' },
  { en: 'bookworm mo', zh: '书虫mo' },
];

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lowercase: no i, l, o, u

/** FNV-1a, 32 bits: small, fast, stable across browsers. Not a secret: the salt makes it unlinkable. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash >>> 0;
}

export interface Pseudonym {
  name: string;
  /** Degrees to rotate the avatar's hue, so a thread's people stay apart at a glance. */
  hue: number;
}

/**
 * The same salt, site and key always give the same pseudonym; keys are compared case-insensitively.
 * A page reads the pseudonyms it shows, so they are keyed by the site too: two sites that plant the
 * same person key (a profile link, a handle) get unrelated pseudonyms and cannot link this install.
 * @param site the site the person was seen on (its rule's id, or the host the user added); the
 *   popup's example person has none
 */
export function pseudonymFor(salt: string, key: string, site = ''): Pseudonym {
  const hash = fnv1a(`${salt}\u0000${site}\u0000${key.trim().toLowerCase()}`);
  let tag = '';
  for (let i = 0, h = hash; i < 4; i++, h = Math.floor(h / 32)) tag += ALPHABET[h % 32];
  return { name: `${PERSONA_NAME}·${tag}`, hue: fnv1a(`${tag}${salt}`) % 360 };
}

/** A fresh salt for a new install: 128 random bits, hex. */
export function newSalt(random: () => Uint8Array = () => crypto.getRandomValues(new Uint8Array(16))): string {
  return [...random()].map((b) => b.toString(16).padStart(2, '0')).join('');
}
