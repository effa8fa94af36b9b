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

/** The selectors both the site stylesheet (hidden until masked) and the engine use. */
export function avatarUrlSelectors(parts: readonly string[] | undefined): string[] {
  return (parts ?? []).flatMap((part) => [`img${holdsPart('src', part)}`, `img${holdsPart('srcset', part)}`, `image${holdsPart('href', part)}`, holdsPart('style', part)]);
}

/** What only the engine looks for: an <img> whose <picture> source holds the address, an SVG image's xlink:href. */
export function avatarUrlEngineSelectors(parts: readonly string[] | undefined): string[] {
  return (parts ?? []).flatMap((part) => [`picture:has(> source${holdsPart('srcset', part)}) > img`, `image${holdsPart('*|href', part)}`]);
}
