/**
 * Which real unit of which saved page each real-markup feed clones (site-feed.ts): one row per
 * built-in site with a real saved page (tests/fixtures/README.md, "Pages the sites rendered
 * themselves"). `unit` is the first match on the page; the clones go into its parent, after the
 * page's own units, unless `container` names another element. A site whose pages have no repeated
 * unit carrying an identity has no `unit`, and `what` says why.
 */
import type { Expected } from '../../tests/e2e/harness/fixtures';
import type { SiteRule } from '../../src/shared/rule/fields';
import type { People } from './clone';

export interface SiteUnit {
  /** The built-in rule's id (src/rules/<id>.json), the fixture folder. */
  id: string;
  /** tests/fixtures/<id>/<page>. */
  fixture: string;
  unit?: string;
  container?: string;
  /**
   * The clones' own inline style, where the saved one would pile them up: a virtualised list places
   * each of its few cells absolutely, and a thousand copies of one cell would all sit on one spot,
   * every one of them painted in every frame.
   */
  rootStyle?: string;
  /** What one unit is, as a reader sees it. */
  what: string;
}

export const SITE_UNITS: readonly SiteUnit[] = [
  {
    id: 'x',
    fixture: 'x/twitter-status-with-replies-2023',
    // The second cell with a tweet: a reply, as a timeline's tweets are (the first is the focal tweet's larger layout).
    unit: '[data-testid="cellInnerDiv"]:has(article[data-testid="tweet"]) ~ [data-testid="cellInnerDiv"]:has(article[data-testid="tweet"])',
    // The cell as X's list would place it, minus the absolute position and offset.
    rootStyle: 'width: 100%; transition: opacity 0.3s ease-out 0s;',
    what: 'a reply tweet in its timeline cell (avatar, name, handle, "Replying to" mentions)',
  },
  {
    id: 'reddit',
    fixture: 'reddit/shreddit-post-comments-2024',
    unit: 'shreddit-comment[depth="1"]:not(:has(shreddit-comment))',
    container: 'shreddit-comment-tree',
    what: 'a reply shreddit-comment with no replies of its own (avatar, author)',
  },
  {
    id: 'bluesky',
    fixture: 'bluesky/bsky-post-thread-2026',
    unit: '[data-testid^="postThreadItem-by-"]:not([data-testid$="glendunlap.bsky.social"])',
    what: "a reply in the thread (avatar, name, handle), not the focal post's larger layout",
  },
  {
    id: 'github',
    fixture: 'github/github-issue-2025',
    unit: '[data-testid^="comment-viewer-outer-box-"]',
    what: 'an issue comment (avatar, author links, "edited by")',
  },
  {
    id: 'hackernews',
    fixture: 'hackernews/ask-hn-item-2023',
    unit: 'tr.athing.comtr',
    what: 'a comment row (its author)',
  },
  {
    id: 'stackexchange',
    fixture: 'stackexchange/so-question-2025',
    unit: 'div.answer',
    what: "an answer (author's and editor's cards: avatar, name)",
  },
  {
    id: 'douban',
    fixture: 'douban/douban-book-subject-2026',
    unit: 'li.comment-item',
    what: 'a short review (reviewer, location)',
  },
  {
    id: 'xiaohongshu',
    fixture: 'xiaohongshu/xhs-explore-feed-2025',
    unit: 'section.note-item',
    what: "a note card of the explore feed (author's avatar, nickname)",
  },
  {
    id: 'weibo',
    fixture: 'weibo/weibo-status-detail-2024',
    unit: 'article',
    what: 'the post (author avatar and name), as a timeline lists posts: the page has one comment only',
  },
  {
    id: 'zhihu',
    fixture: 'zhihu/zhihu-question-answers-2023',
    unit: '.List-item',
    what: "an answer (author's avatar, name, badge)",
  },
  {
    id: 'tieba',
    fixture: 'tieba/tieba-thread-ip-location-2024',
    unit: 'div.l_post',
    what: "a floor of the thread (author's avatar, name, IP属地)",
  },
  {
    id: 'youtube',
    fixture: 'youtube/home-feed-rendered-2025',
    // The first items of the grid are ads, without a channel avatar.
    unit: 'ytd-rich-item-renderer:has(yt-decorated-avatar-view-model)',
    what: 'a video card of the home grid (channel avatar, channel name)',
  },
  {
    id: 'tiktok',
    fixture: 'tiktok/tiktok-video-comments-2022',
    unit: '[class*="DivCommentItemContainer"]',
    what: "a comment (commenter's avatar, nickname)",
  },
  {
    id: 'facebook',
    fixture: 'facebook/group-feed-desktop-2024',
    // The members list (140 cards; the admins' and friends' lists above it have three).
    unit: '[role="list"] > [role="listitem"]:nth-child(4)',
    what: 'a member card of the group (SVG avatar, name)',
  },
  {
    id: 'instagram',
    fixture: 'instagram/profile-gdg_rbu-rendered-2025',
    what: 'the saved profile page repeats only post tiles, whose person is in alt text (an attribute, not an identity element)',
  },
];

/** Who the page's people are, by its expected.json and its rule: what clone.ts substitutes. */
export function peopleOf(rule: SiteRule, expected: Pick<Expected, 'names' | 'handles' | 'avatarUrls'>): People {
  return {
    names: expected.names,
    handles: expected.handles,
    avatarUrls: [...new Set([...(rule.avatarUrls ?? []), ...expected.avatarUrls])],
    hrefPaths: rule.identity?.hrefPaths ?? [],
    notKeys: rule.identity?.notKeys,
    keyAttribute: rule.identity?.attribute,
  };
}

/** The unit to clone on the parsed page: a copy (the template is made in it), with its rootStyle. */
export function unitOf(document: Document, spec: SiteUnit): Element {
  const unit = spec.unit ? document.querySelector(spec.unit) : null;
  if (!unit) throw new Error(`${spec.fixture}: no unit ${spec.unit} on the page (scripts/bench/sites.ts)`);
  const copy = unit.cloneNode(true) as Element;
  if (spec.rootStyle !== undefined) copy.setAttribute('style', spec.rootStyle);
  return copy;
}
