/**
 * What a click means: the pointer lands on whatever is topmost (a ring around an avatar, a badge,
 * the text node's <span>), so the element under it is turned into the thing the user is picking.
 */
import type { PickKind } from '../shared/picked-rule';
import { hasBackgroundImage } from './propose-selector';

const PICTURE = 'img, picture, svg, canvas';

/** The picture an avatar click meant: the <img> itself, the one picture inside a small box, or a box drawn with background-image. */
function avatarAt(el: Element): Element {
  let current: Element | null = el;
  for (let depth = 0; current && depth < 4; depth++, current = current.parentElement) {
    if (current.matches(PICTURE)) return current.closest('svg') ?? current;
    const pictures = current.querySelectorAll(PICTURE);
    if (pictures.length === 1 && (current.textContent ?? '').trim().length <= 3) return pictures[0].closest('svg') ?? pictures[0];
    if (hasBackgroundImage(current)) return current;
  }
  return el;
}

/** The text a name, handle or location click meant: the smallest element holding the text under the pointer. */
function textAt(el: Element): Element {
  let current = el;
  // A click on padding around a one-line label lands on the wrapper: step down while it holds just one child with all the text.
  while (current.childElementCount === 1 && (current.firstElementChild!.textContent ?? '').trim() === (current.textContent ?? '').trim()) {
    current = current.firstElementChild!;
  }
  return current;
}

export function pickTarget(el: Element, kind: PickKind): Element {
  return kind === 'avatars' ? avatarAt(el) : textAt(el);
}
