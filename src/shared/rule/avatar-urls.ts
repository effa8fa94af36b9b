/**
 * The profile-picture layer: what a rule's avatarUrls find. A picture whose address holds one of
 * the parts is an avatar wherever the page puts it, whatever its markup: an <img> by src or srcset,
 * an SVG <image> by href (Facebook draws avatars so), an element with an inline background. The parts
 * are checked plain text (no quote or backslash: packs/text-checks.ts urlPartProblem). A "*" in a part
 * joins pieces an address must all hold: "i.sstatic.net/*?s=" is a picture on Stack Exchange's
 * upload host asked for at a size, as user pictures are and post images are not.
 */

/** The attribute conditions for `part` on `attr`: `[src*="i.sstatic.net/"][src*="?s="]`. */
export const holdsPart = (attr: string, part: string): string =>
  part
    .split('*')
    .map((piece) => `[${attr}*="${piece}"]`)
    .join('');

/** `tag` holding one of the parts on one of the attributes: one selector, each part a branch of its :is(). */
function holdingAny(tag: string, attrs: readonly string[], parts: readonly string[]): string {
  // An array in a template is its items joined by ",": a selector list.
  return `${tag}:is(${parts.flatMap((part) => attrs.map((attr) => holdsPart(attr, part)))})`;
}

/**
 * The selectors both the site stylesheet (hidden until masked) and the engine use: one per kind of
 * picture, not one per part and kind. A selector whose last compound names no element, as
 * `[style*=…]` does, is tried on every element of a query or a style recalculation: five of them
 * were most of the engine's query on a Zhihu feed (76 ms for the addresses on 1,000 answers; 20 so).
 */
export function avatarUrlSelectors(parts: readonly string[] | undefined): string[] {
  return parts?.length ? [holdingAny('img', ['src', 'srcset'], parts), holdingAny('image', ['href'], parts), holdingAny('[style*="url("]', ['style'], parts)] : [];
}

/** What only the engine looks for: an <img> whose <picture> source holds the address, an SVG image's xlink:href. */
export function avatarUrlEngineSelectors(parts: readonly string[] | undefined): string[] {
  return parts?.length ? [`picture:has(> ${holdingAny('source', ['srcset'], parts)}) > img`, holdingAny('image', ['*|href'], parts)] : [];
}
