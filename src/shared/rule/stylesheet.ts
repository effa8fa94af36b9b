/**
 * The CSS that keeps a rule's identity elements invisible until the engine has masked them (it
 * marks them with data-momo). The build ships it as the manifest stylesheet of the rule's site, so
 * it applies from the first byte the page paints; `html[data-momo-off]` lifts it when masking is
 * off there, and `html[data-momo-reveal~=<category>]` when the user keeps that category visible.
 * Which fields it hides comes from the field table (HIDDEN_FIELDS: hiddenUntilMasked). The sheet is built from the
 * built-in rule; when the rule in force (an own edit, a pack) leaves one of its selectors out, the
 * content script names it in `html[data-momo-drop]` (droppedSelectors) and the sheet lets it show:
 * else what that selector matched would stay invisible, never masked, for good.
 */
import { HIDDEN_FIELDS, type SiteRule } from '../rule/fields';
import { avatarUrlSelectors } from './avatar-urls';
import { lastCompound } from './selector-text';

/** The name of a built-in selector in `html[data-momo-drop]`: its field and place, "names-3". */
const dropToken = (key: string, index: number) => `${key}-${index}`;

export function hidingStylesheet(rule: SiteRule): string {
  // Not a selector with :has(): the browser matches it again at every insertion under its subject
  // (X's `primaryColumn:has(UserName) h2`: four such selectors made style recalculation on a
  // 400-tweet feed 4 times slower, 1,746 against 444 ms). The engine masks what they match before the
  // next paint all the same; the sheet only covers the moments before the engine runs.
  const hidden = HIDDEN_FIELDS.flatMap((field) =>
    ((rule[field.key] as string[] | undefined) ?? []).flatMap((selector, i) => (selector.includes(':has(') ? [] : [{ field, selector, i }])),
  );
  const guarded = hidden.map(
    ({ field, selector, i }) =>
      `html:not([data-momo-off]):not([data-momo-reveal~="${field.category}"]):not([data-momo-drop~="${dropToken(field.key, i)}"]) ${appendable(selector) ? selector : `:is(${selector})`}:not([data-momo])`,
  );
  // The profile-picture layer: pictures by address, hidden until masked like the avatars.
  for (const s of avatarUrlSelectors(rule.avatarUrls)) guarded.push(`html:not([data-momo-off]):not([data-momo-reveal~="avatars"]) ${s}:not([data-momo])`);
  if (guarded.length === 0) return '';
  const hide = `${guarded.join(',\n')} {\n  opacity: 0 !important;\n}\n`;
  if (hidden.length === 0) return hide;
  // The user's drafts are never masked, so never hidden: what a selector matches inside an editor is
  // shown again by a rule in a layer (an important declaration in a layer wins over an unlayered one).
  // Not `:not([contenteditable] *)` on every hiding selector: that walked every candidate's ancestors
  // at every style recalculation (~170 ms on an X feed, issue 17); "[contenteditable] …" on the left
  // is rejected at once by the browser's ancestor filter where no editor is around.
  const drafts = hidden.map(({ selector }) => `[contenteditable] ${inEditor(selector)}`);
  return `${hide}@layer momo-drafts {\n${drafts.join(',\n')} {\n  opacity: unset !important;\n}\n}\n`;
}

/** The selector as the right-hand side of "[contenteditable] …", whole: its own ancestors may be outside the editor. Filed under its last compound where it has one. */
function inEditor(selector: string): string {
  const last = appendable(selector) ? lastCompound(selector) : null;
  return last === null ? `:is(${selector})` : `${last}:is(${selector})`;
}

/**
 * Whether the guards can be appended to the selector itself rather than to `:is(selector)`: the
 * browser files a rule under its last compound's tag, class or attribute and tries it only on such
 * elements, where a rule ending in `:is(…)` is tried on every element of the page at every style
 * recalculation. Not for a selector list, a pseudo-element, or one that names the root itself.
 */
function appendable(selector: string): boolean {
  return !selector.includes('::') && !/^\s*(html|:root)\b/i.test(selector) && lastCompound(selector) !== null;
}

/** The built-in selectors that the rule in force no longer has, as `html[data-momo-drop]` names them. */
export function droppedSelectors(builtIn: SiteRule, inForce: SiteRule): string {
  return HIDDEN_FIELDS.flatMap((field) => {
    const kept = new Set((inForce[field.key] as string[] | undefined) ?? []);
    return ((builtIn[field.key] as string[] | undefined) ?? []).flatMap((s, i) => (kept.has(s) ? [] : [dropToken(field.key, i)]));
  }).join(' ');
}
