/**
 * The CSS that keeps a rule's identity elements invisible until the engine has masked them (it
 * marks them with data-momo). The build ships it as the manifest stylesheet of the rule's site, so
 * it applies from the first byte the page paints; `html[data-momo-off]` lifts it when masking is
 * off there, and `html[data-momo-reveal~=<category>]` when the user keeps that category visible.
 * Which fields it hides comes from RULE_FIELDS (hiddenUntilMasked). The sheet is built from the
 * built-in rule; when the rule in force (an own edit, a pack) leaves one of its selectors out, the
 * content script names it in `html[data-momo-drop]` (droppedSelectors) and the sheet lets it show:
 * else what that selector matched would stay invisible, never masked, for good.
 */
import { RULE_FIELDS, type SiteRule } from './fields';
import { avatarUrlSelectors } from './avatar-urls';
import { lastCompound } from './selector-text';

const HIDDEN_FIELDS = RULE_FIELDS.filter((field) => 'hiddenUntilMasked' in field);

/** The name of a built-in selector in `html[data-momo-drop]`: its field and place, "names-3". */
const dropToken = (key: string, index: number) => `${key}-${index}`;

export function hidingStylesheet(rule: SiteRule): string {
  const guarded = HIDDEN_FIELDS.flatMap((field) =>
    ((rule[field.key] as string[] | undefined) ?? []).map(
      (s, i) =>
        `html:not([data-momo-off]):not([data-momo-reveal~="${field.category}"]):not([data-momo-drop~="${dropToken(field.key, i)}"]) ${appendable(s) ? s : `:is(${s})`}:not([data-momo]):not([contenteditable] *)`,
    ),
  );
  // The profile-picture layer: pictures by address, hidden until masked like the avatars.
  for (const s of avatarUrlSelectors(rule.avatarUrls)) guarded.push(`html:not([data-momo-off]):not([data-momo-reveal~="avatars"]) ${s}:not([data-momo])`);
  if (guarded.length === 0) return '';
  return `${guarded.join(',\n')} {\n  opacity: 0 !important;\n}\n`;
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
