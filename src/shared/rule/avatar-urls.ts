/**
 * The profile-picture layer: what a rule's avatarUrls find. A picture whose address holds one of
 * the parts is an avatar wherever the page puts it, whatever its markup: an <img> by src or srcset,
 * an SVG <image> by href (Facebook draws avatars so), an element with an inline background. The parts
 * are checked plain text (no quote or backslash: packs/text-checks.ts urlPartProblem).
 */

/** The selectors both the site stylesheet (hidden until masked) and the engine use. */
export function avatarUrlSelectors(parts: readonly string[] | undefined): string[] {
  return (parts ?? []).flatMap((part) => [`img[src*="${part}"]`, `img[srcset*="${part}"]`, `image[href*="${part}"]`, `[style*="${part}"]`]);
}

/** What only the engine looks for: an <img> whose <picture> source holds the address, an SVG image's xlink:href. */
export function avatarUrlEngineSelectors(parts: readonly string[] | undefined): string[] {
  return (parts ?? []).flatMap((part) => [`picture:has(> source[srcset*="${part}"]) > img`, `image[*|href*="${part}"]`]);
}
