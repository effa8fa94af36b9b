/**
 * Generic mode: the rule a site the user added gets while it has no rule of its own (no picker
 * rule, no pack). It is plain data built from the constant selectors below (nothing from the page
 * or from outside goes into a selector, and no regular expression): it masks what forum engines
 * mark as an identity in the same few ways (pictures whose class, alt or address says "avatar",
 * links to a person's profile page) and the spots Discourse, Lemmy and phpBB use for names.
 *
 * What it must never do: hide or rewrite content. A name mask rewrites ALL the text of the element
 * it matches (the first text node becomes "momo", the others empty), a location mask hides the
 * element, an avatar box masks every picture inside it. So every name, location and box selector
 * below is guarded to match small elements only (no paragraphs, list items, headings inside), and
 * profile links are only names when they hold nothing but text. A mention mask only rewrites
 * "@someone" inside the text, so mention selectors can be broad.
 */
import type { SiteRule } from '../shared/rule/fields';
import { genericRuleFor } from './generic-site';

/**
 * Profile page addresses: Discourse and Lemmy "/u/name", Drupal and Reddit-likes "/user/name",
 * Stack Exchange-likes and Rails apps "/users/…", "/profile/…", "/people/…", XenForo "/members/…",
 * phpBB "memberlist.php?mode=viewprofile&u=N". "/@name" (Mastodon, Misskey, Medium) is apart: its
 * text is a handle, and on Medium the same prefix starts article addresses.
 */
const PATHS = ['[href*="/u/"]', '[href*="/user/"]', '[href*="/users/"]', '[href*="/profile/"]', '[href*="/people/"]', '[href*="/members/"]'];
/** The list pages themselves ("Members", "Users" in a menu) sit under the same paths. */
const LIST_PAGE: Record<string, string> = { '[href*="/users/"]': ':not([href$="/users/"])', '[href*="/members/"]': ':not([href$="/members/"])' };
const PHPBB_PROFILE = '[href*="memberlist.php?mode=viewprofile"]';
const PROFILE_PATHS = [...PATHS, PHPBB_PROFILE];
const ANY_PROFILE = `:is(${PROFILE_PATHS.join(', ')}, [href^="/@"])`;

/**
 * Links under a profile path that are the site's own pages, not a person: sign in/up and account
 * pages ("/user/login", "/users/sign_in", "/u/me/preferences", "/profile/edit"), and menu entries
 * ("Profile" in a user menu; phpBB's, Lemmy's and Discourse's also carry an icon, see TEXT_ONLY).
 */
const ACCOUNT_WORDS: readonly string[] = ['login', 'logout', 'sign_in', 'signin', 'sign_up', 'signup', 'register', 'password', 'settings', 'preferences'];
const NOT_ACCOUNT_PAGE = `:not(${ACCOUNT_WORDS.map((word) => `[href*="${word}"]`).join(', ')}, [href*="/edit"], [role="menuitem"], .dropdown-item)`;

/**
 * A link that is a name holds only text (spans, bdi, strong): an icon makes it a menu entry, an
 * image an avatar link (masked as a box instead), a block a card; and a link inside a heading is
 * a title (Medium's article links start with "/@author/").
 */
const TEXT_ONLY = ':not(:has(img, svg, i, p, div, li, h1, h2, h3, h4, h5, h6)):not(:is(h1, h2, h3, h4, h5, h6) *)';

/** Small elements only: a name or location selector must never swallow a post, a list or a heading. */
const SMALL = ':not(:has(p, div, li, img, picture, article, section, h1, h2, h3, h4, h5, h6))';

/**
 * Each avatar selector also becomes three "inside" selectors in the compiled rule (its img, SVG
 * images, inline backgrounds): pictures are one selector, not ten.
 */
const AVATARS: readonly string[] = [
  // Pictures that say what they are: class (Discourse img.avatar, Lemmy img.avatar-overlay, phpBB
  // img.avatar, WordPress img.avatar, "userpic", "profile-pic"), alt (phpBB and Reddit "User avatar",
  // "profile picture/photo/image"), address (Discourse /user_avatar/ and /letter_avatar_proxy/,
  // phpBB file.php?avatar=, Gravatar /avatar/, LiveJournal-style userpics).
  'img:is([class*="avatar" i], [alt*="avatar" i], [src*="avatar" i], [alt*="profile pic" i], [alt*="profile photo" i], [alt*="profile image" i], [class*="userpic" i], [src*="userpic" i], [class*="profile-pic" i], [class*="profile_pic" i], [class*="profilepic" i])',
  // Boxes named avatar (Discourse .topic-avatar/.avatar-flair, phpBB a.avatar/.avatar-container/
  // .header-avatar): their pictures and background images too. Small ones only, so that a
  // wrapper that happens to say "avatar" cannot take the post images with it.
  ':is(div, span, a, figure, picture)[class*="avatar" i]:not(:has(p, li, article, section, h1, h2, h3, h4, h5, h6, textarea, [contenteditable]))',
  // An avatar <img> inside a <picture>: the box around it, whose label names the person too.
  ':is(div, span, a, li, button, figure):has(> picture > img:is([class*="avatar" i], [alt*="avatar" i]))',
  // Images inside profile links: the small round picture next to a name (Lemmy a.person-listing,
  // Discourse a.trigger-user-card, topic participants). The link is the box: its pictures and title
  // go with it. Not a link holding a heading or a paragraph (an article card).
  `a${ANY_PROFILE}:has(img, image):not(:has(h1, h2, h3, h4, h5, h6, p))`,
  // Lemmy: the signed-in user's menu button shows their avatar (a <picture>) before their name.
  '#dropdownUser > .dropdown-toggle',
];

const NAMES: readonly string[] = [
  // Profile links that hold only text: the name of the person they lead to (Discourse, Lemmy,
  // phpBB a.username/a.username-coloured, quote "cite" links, "who is online" lists).
  ...PATHS.map((path) => `a${path}${LIST_PAGE[path] ?? ''}${NOT_ACCOUNT_PAGE}${TEXT_ONLY}`),
  `a${PHPBB_PROFILE}:not([role="menuitem"])${TEXT_ONLY}`,
  // Discourse marks every user link with data-user-card (poster names, moderator shield icon and all).
  'a[data-user-card]:not(:has(img))',
  // Classes that name a name, exact tokens only ("author" alone is phpBB's "by <name> » date" line).
  `:is(.username, .user-name, .username-coloured, .author-name, .full-name, .display-name)${SMALL}`,
  // Microdata and link relations for authors: the element itself when it is the name, else its name part.
  `[itemprop="author"]:not([itemscope])${SMALL}`,
  '[itemprop="author"] [itemprop="name"]',
  `a[rel~="author"]${TEXT_ONLY}`,
  // Discourse: the person a post replies to ("↪ name" tab), the name line of a quote from the same
  // topic (a quote from another topic also links that topic's title: left alone), and the
  // screen-reader heading "post by <username> <date>" that opens every post (visually hidden).
  '.reply-to-tab > span',
  'aside.quote > .title:not(:has(a))',
  'h2.sr-only[id^="post-heading-"]',
  // phpBB: the contact menu button says "Contact <username>" in its screen-reader text (and title,
  // which the name mask rewrites with it, being the link around).
  '.profile-contact .dropdown-trigger > .sr-only',
  // Lemmy: a person link is avatar + name + instance ("@lemmy.ml"), and the signed-in user's menu button.
  'a.person-listing',
  '#dropdownUser > .dropdown-toggle',
];

const HANDLES: readonly string[] = [
  // "/@name" links (Mastodon, Misskey, Medium authors): their text is the @handle, which the handle
  // mask keeps as "@momo" (a display name in such a link becomes "momo").
  `a[href^="/@"]${NOT_ACCOUNT_PAGE}${TEXT_ONLY}`,
];

const MENTIONS: readonly string[] = [
  // "@someone" in post text: Discourse a.mention/span.mention, Mastodon a.u-url.mention, phpBB 4.
  '.mention',
  // Profile links that hold nothing but their text (Lemmy's mention picker writes
  // [@name@instance](https://instance/u/name)): one whose text is "@name" reads "@momo" (the name
  // mask alone would write "momo"). Not links with parts inside: a Lemmy person link ends with
  // "<small>@lemmy.ml</small>", the instance, which the name mask empties and must stay empty.
  `a${ANY_PROFILE}:not(:has(*))`,
];

const LOCATIONS: readonly string[] = [
  // A person's location, only inside the card or column that describes them (phpBB .postprofile
  // "Location:" custom field, user cards and author boxes): a location class in an article is content.
  `:is(.postprofile, [class*="user-card" i], [class*="usercard" i], [class*="user-info" i], [class*="userinfo" i], [class*="author-info" i], [class*="profile-card" i]) [class*="location" i]${SMALL}`,
];

const SELF: readonly string[] = [
  // The signed-in user's own name where the engines show it (it wears the user's label):
  // phpBB's header menu, Lemmy's user menu.
  '#username_logged_in .username',
  '#dropdownUser > .dropdown-toggle',
];

/** The account pages as keys, so the profile-link layer reads "/user/login" or "/profile/edit" as no person. */
const ACCOUNT_PAGES: readonly string[] = [...ACCOUNT_WORDS, 'edit', 'me'];

const IDENTITY_PATHS: readonly string[] = [
  '/u/{key}',
  '/user/{key}',
  '/users/{key}',
  '/@{key}',
  '/profile/{key}',
  '/people/{key}',
  '/members/{key}',
  '/memberlist.php?mode=viewprofile&u={key}',
  '/forum/memberlist.php?mode=viewprofile&u={key}',
];

/**
 * The generic rule for an added site. Fresh arrays on every call: callers may keep or edit it. The
 * content script does not hold these selectors (4 KB of its 40): the build writes them into
 * GENERIC_RULE_FILE, which only added sites load (site-registrations.ts).
 */
export function genericRule(host: string): SiteRule {
  return genericRuleFor(host, {
    id: '',
    name: '',
    hosts: [],
    avatars: [...AVATARS],
    names: [...NAMES],
    handles: [...HANDLES],
    mentions: [...MENTIONS],
    locations: [...LOCATIONS],
    identity: { hrefPaths: [...IDENTITY_PATHS], notKeys: [...ACCOUNT_PAGES], attribute: 'data-user-card' },
    self: [...SELF],
  });
}
