/**
 * The site rule format as one table: which elements on a site are identities, as plain data. The
 * same shape serves built-in rules (src/rules/), rules the user edits, picks or imports from packs.
 * Everything that lists a rule's fields derives from RULE_FIELDS: the SiteRule type, the checker
 * (check.ts), the canonical key order of rule files (format.ts), the stylesheet groups
 * (stylesheet.ts), the compiled parts (content/compile-rule.ts), the editor's rows and the export.
 * Adding a field is one row here plus what it means to the checker and the engine.
 * No imports with side effects: the content script bundles this file.
 */

/**
 * The identity categories a user can switch on and off. "textNames" masks the names of people already
 * seen on the page inside post text too (off by default: it reads all text, and names can be words).
 * "badges" hides what singles a person out without naming them: verification and level badges,
 * follower and like counts (off by default: they are the site's content to most readers).
 */
export const CATEGORIES = ['avatars', 'names', 'handles', 'mentions', 'locations', 'title', 'textNames', 'badges'] as const;
export type Category = (typeof CATEGORIES)[number];

/** How the engine masks what a field's selectors match. */
export type MaskKind = 'avatar' | 'name' | 'handle' | 'mention' | 'location' | 'badge';

export interface AttributeTarget {
  selector: string;
  /** Attribute names, e.g. ["author", "aria-label"]. */
  names: string[];
}

export interface IdentityKeySource {
  /**
   * Path shapes of profile links, "{key}" marking the key: "/{key}", "/user/profile/{key}". Besides
   * giving pseudonyms their key, a link whose address is exactly such a path is an identity even
   * where no selector of the rule reaches (the profile-link layer: content/fallback-layers.ts).
   */
  hrefPaths?: string[];
  /** Keys that a path shape also fits but that are the site's own pages: "home", "explore", "settings". */
  notKeys?: string[];
  /** Or an attribute on the identity element or its nearest ancestor carrying it. */
  attribute?: string;
}

/** What a value of each kind of field is. */
interface KindValue {
  id: string;
  text: string;
  hosts: string[];
  selectors: string[];
  urlParts: string[];
  attributes: AttributeTarget[];
  titles: string[];
  identity: IdentityKeySource;
}
export type FieldKind = keyof KindValue;

interface FieldSpec {
  key: string;
  kind: FieldKind;
  required?: true;
  /** The category that switches the field's masking off. */
  category?: Category;
  /** How the engine masks a match (selector fields that are identities themselves). */
  mask?: MaskKind;
  /** The site stylesheet keeps matches invisible until the engine has masked them. */
  hiddenUntilMasked?: true;
  /** Shapes that a whole text must fit: no free {text} (a post's paragraph would fit it too). */
  wholeText?: true;
}

export const RULE_FIELDS = [
  /** Stable id, lowercase: "x", "reddit", "xiaohongshu". */
  { key: 'id', kind: 'id', required: true },
  /** Human name shown in the UI. */
  { key: 'name', kind: 'text', required: true },
  /** Host names the rule covers; each also covers its subdomains ("reddit.com" covers old.reddit.com). */
  { key: 'hosts', kind: 'hosts', required: true },
  /** Avatar boxes: an <img>, <picture>, SVG <image>, an element with a background-image, or a box holding them. */
  { key: 'avatars', kind: 'selectors', category: 'avatars', mask: 'avatar', hiddenUntilMasked: true },
  /**
   * Parts of the addresses the site serves profile pictures from ("pbs.twimg.com/profile_images/"):
   * a picture whose address holds one is an avatar wherever the page puts it, after any redesign
   * (the profile-picture layer). Paths, not hosts alone: post images often share the CDN.
   */
  { key: 'avatarUrls', kind: 'urlParts', category: 'avatars' },
  /** Elements whose text is a display name. */
  { key: 'names', kind: 'selectors', category: 'names', mask: 'name', hiddenUntilMasked: true },
  /**
   * Parts of the addresses of things people make that the site shows with their maker beside them
   * ("douban.com/doulist/"): the short text in brackets right after a link there, alone in its
   * element, is the maker's name ("书海无涯 (佾云)"). Only the address says so: a count or a year in
   * brackets after any other link stays.
   */
  { key: 'madeBy', kind: 'urlParts', category: 'names' },
  /** Elements whose text is a handle ("@name", "u/name"). */
  { key: 'handles', kind: 'selectors', category: 'handles', mask: 'handle', hiddenUntilMasked: true },
  /** Links or spans inside post text that mention a person ("@name"). */
  { key: 'mentions', kind: 'selectors', category: 'mentions', mask: 'mention', hiddenUntilMasked: true },
  /** Elements that show a location (profile location, "IP属地" chips): hidden. */
  { key: 'locations', kind: 'selectors', category: 'locations', mask: 'location', hiddenUntilMasked: true },
  /** Scopes whose text may contain a location label ("IP属地：广东", "发布于 北京"): the label is cut out. */
  { key: 'locationText', kind: 'selectors', category: 'locations' },
  /** Verification, level, VIP and 实名认证 badges, follower and like counts in profile headers and hover cards: hidden. */
  { key: 'badges', kind: 'selectors', category: 'badges', mask: 'badge', hiddenUntilMasked: true },
  /**
   * Marks that say what a person is in the thread ("OP", "楼主", "UP", "作者"): in pseudonym mode they
   * stay as the site shows them, inside a masked name too, so a masked thread keeps who started it.
   * Each one can only unmask, so a pack that adds one waits for a click (packs/weakening.ts).
   */
  { key: 'roles', kind: 'selectors' },
  /** Attributes that hold an identity (custom elements, tooltips): their value becomes the persona. */
  { key: 'attributes', kind: 'attributes' },
  /** Elements whose open shadow roots hold identities (searched and observed). */
  { key: 'shadowHosts', kind: 'selectors' },
  /**
   * Tab title shapes: "{name}" and "{handle}" mark the identity, "{text}" free text that stays:
   * "{name} (@{handle}) / X", "{name} on Instagram: {text}".
   */
  { key: 'titles', kind: 'titles', category: 'title' },
  /**
   * Short sentences in the site's own words that name people, in the title shapes' language:
   * "{handle} commented", "{text} mutual friends including {name} and {name}". A text on the page
   * whose whole text has such a shape is masked in its holes, the rest kept, and the names in it are
   * learned (the fallback layers then find them elsewhere). A whole text, not a part of one: a post
   * that tells of someone's comment stays as written. "{known}" is a hole only a name the page has
   * named elsewhere fits: "{known}官方账号", where no space parts the name from the words after it.
   */
  { key: 'textShapes', kind: 'titles', category: 'names', wholeText: true },
  /** Where a stable per-person key is read, for pseudonym mode. */
  { key: 'identity', kind: 'identity' },
  /** Elements that name the signed-in user (their own identity wears their label). */
  { key: 'self', kind: 'selectors' },
] as const satisfies readonly FieldSpec[];

type Field = (typeof RULE_FIELDS)[number];
type RequiredField = Extract<Field, { required: true }>;
type OptionalField = Exclude<Field, RequiredField>;

/** A site rule, as the table describes it. */
export type SiteRule = { [F in RequiredField as F['key']]: KindValue[F['kind']] } & { [F in OptionalField as F['key']]?: KindValue[F['kind']] };
export type RuleKey = Field['key'];
export type SelectorField = Extract<Field, { kind: 'selectors' }>['key'];
export type MaskedField = Extract<Field, { mask: MaskKind }>;

export const RULE_KEYS: readonly RuleKey[] = RULE_FIELDS.map((field) => field.key);
export const SELECTOR_FIELDS = RULE_FIELDS.filter((field) => field.kind === 'selectors').map((field) => field.key) as readonly SelectorField[];
/**
 * What the engine and the stylesheet know of a masked field: its key, its category and how it is
 * masked. Rows of their own, not the table's: the content script bundles these lists (the build
 * folds each row into a constant, scripts/fold-rule-fields-plugin.ts), and the rest of a table row
 * is the editor's and the checker's.
 */
export type MaskedRow = Pick<MaskedField, 'key' | 'category' | 'mask'>;
const maskedRow = ({ key, category, mask }: MaskedField): MaskedRow => ({ key, category, mask });
const isMasked = (field: Field): field is MaskedField => 'mask' in field;

/** The fields whose matches are identities in themselves, with how each is masked. */
export const MASKED_FIELDS: readonly MaskedRow[] = RULE_FIELDS.filter(isMasked).map(maskedRow);
/** The fields whose matches the site stylesheet keeps invisible until masked (rule/stylesheet.ts): masked ones, the same rows. */
export const HIDDEN_FIELDS: readonly MaskedRow[] = MASKED_FIELDS.filter((row) => RULE_FIELDS.some((field) => field.key === row.key && 'hiddenUntilMasked' in field));

/** Sizes a rule is held to, wherever it comes from. */
export const LIMITS = { selectorLength: 400, selectorsPerField: 60, hosts: 20, titles: 10, hrefPaths: 10, attributeNames: 10, urlParts: 20, notKeys: 100 } as const;
