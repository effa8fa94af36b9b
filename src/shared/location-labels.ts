/**
 * Location labels that Chinese platforms print next to posts. Since 2022 Weibo, Zhihu, Xiaohongshu,
 * Bilibili, Douyin and Tieba show the poster's IP region ("IP属地"), and debates then turn on the
 * region (see PRODUCT.md). The patterns are fixed in code, never taken from rule packs, so no pack can
 * bring a regular expression into the page.
 */
const REGION = '[\\u4e00-\\u9fa5A-Za-z·\\- ]{1,20}?';
/**
 * The space between a date and the region after it, on one line: a label reads on one line, and a
 * line break is the markup's indentation between two elements. A subtree's whole text joins a
 * review's time and its own hidden region element so ("2023-07-04 18:57:39⏎          北京", Douban):
 * with any space allowed, the hint fired on every review and walked its text nodes for nothing.
 */
const SAME_LINE = '[^\\S\\n\\r]';
const PROVINCES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西|西藏|宁夏|新疆|香港|澳门|海外|美国|日本|英国|加拿大|澳大利亚|新加坡|韩国|德国|法国';

/**
 * Each label: what must come before it within the same text, how it reads, and what must come after
 * it within the same text. Before and after are left out of the hint (mayHoldLocationLabel).
 */
const LABELS: [before: string, label: string, after: string][] = [
  // "IP属地：广东", "IP 属地北京", "IP属地: 美国"
  ['', `IP\\s*属地\\s*[:：]?\\s*${REGION}`, '(?=$|[\\s·|,，、)）\\]])'],
  // "发布于 上海", "发布于广东"
  ['', `发布于\\s*(?:${PROVINCES})`, ''],
  // Weibo's "来自北京" (but not "来自 iPhone客户端", the posting device)
  ['', `来自\\s*(?:${PROVINCES})`, '(?![\\u4e00-\\u9fa5])'],
  // Douyin's comment time line "2天前·广东", "刚刚·四川", "11-09·云南", "昨天 18:20·北京": the region after the time
  ['前|刚刚|昨天|\\d', `${SAME_LINE}*·${SAME_LINE}*(?:${PROVINCES})`, '(?![\\u4e00-\\u9fa5])'],
  // Xiaohongshu's date line ends with the author's region and no label word: "编辑于 07-04 浙江",
  // "编辑于 1天前 福建", "2025-03-01 上海": a region after a date or a time, closing the text.
  ['前|刚刚|昨天|今天|\\d', `${SAME_LINE}+(?:${PROVINCES})`, '\\s*$'],
];
const LABEL_PATTERNS = LABELS.map(([before, label, after]) => new RegExp(`${before && `(?<=${before})`}${label}${after}`, 'g'));

/**
 * The labels without what must follow them: every text that holds a label holds one of these, and
 * so does any longer text around it (a subtree's whole text, content/mask-engine.ts). A province
 * alone does not: Douban hides a reviewer's bare "广东" by its selector, and reading it as a hint
 * walked every review's text nodes for nothing. What must come before is matched, not looked
 * behind for: tried at every place of a long text, a look behind made the test 7 times slower.
 */
const HINT = new RegExp(LABELS.map(([before, label]) => `${before && `(?:${before})`}${label}`).join('|'));

/** Every hint holds a Han character; a text with none, most texts on most sites, is told by a simple scan, not the long alternation. */
const HAN = /[\u4e00-\u9fa5]/;
/** A quick test before the cut: false where the text holds no label, true where it may. */
export const mayHoldLocationLabel = (text: string): boolean => HAN.test(text) && HINT.test(text);

/** `text` with every location label cut out; the same string when it holds none. */
export function cutLocationLabels(text: string): string {
  let out = text;
  for (const pattern of LABEL_PATTERNS) {
    pattern.lastIndex = 0;
    out = out.replace(pattern, '');
  }
  return out;
}
