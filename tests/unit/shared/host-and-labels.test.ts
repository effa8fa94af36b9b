import { describe, expect, it } from 'vitest';
import { findRuleForHost, hostCovers } from '../../../src/shared/host-match';
import { cutLocationLabels, mayHoldLocationLabel } from '../../../src/shared/location-labels';

describe('host matching', () => {
  it('covers a host and its subdomains, nothing else', () => {
    expect(hostCovers('reddit.com', 'old.reddit.com')).toBe(true);
    expect(hostCovers('reddit.com', 'reddit.com.')).toBe(true);
    expect(hostCovers('reddit.com', 'notreddit.com')).toBe(false);
    expect(hostCovers('x.com', 'x.co')).toBe(false);
  });

  it('finds the rule by host, whatever the path', () => {
    const rules = [
      { id: 'x', hosts: ['x.com', 'twitter.com'] },
      { id: 'reddit', hosts: ['reddit.com'] },
    ];
    expect(findRuleForHost(rules, 'mobile.twitter.com')?.id).toBe('x');
    expect(findRuleForHost(rules, 'example.org')).toBeUndefined();
  });
});

describe('location labels', () => {
  it.each([
    ['IP属地：广东', ''],
    ['IP 属地北京', ''],
    ['2小时前 · IP属地: 美国', '2小时前 · '],
    ['发布于 上海', ''],
    ['编辑于 2023-03-01 · IP 属地浙江', '编辑于 2023-03-01 · '],
    ['来自北京', ''],
    ['2天前·广东', '2天前'],
    ['昨天 18:20·北京', '昨天 18:20'],
  ])('cuts "%s"', (text, expected) => {
    expect(cutLocationLabels(text)).toBe(expected);
  });

  it.each(['来自 iPhone客户端', '来自微博 weibo.com', 'IP address of the server', '北京烤鸭真好吃', '云南·昆明'])('leaves "%s" alone', (text) => {
    expect(cutLocationLabels(text)).toBe(text);
  });

  it('hint at a label in any text around it, as a subtree’s whole text holds it, and not at a province alone', () => {
    const labelled = ['IP属地：广东', '2小时前 · IP属地: 美国', '发布于 上海', '来自北京', '2天前·广东', '昨天 18:20·北京', '编辑于 07-04 浙江'];
    for (const text of labelled) {
      expect(cutLocationLabels(text), text).not.toBe(text);
      // Another node's text right after it: the label's own end ("$", "no Han character next") is gone.
      for (const around of [text, `  回复 ${text}`, `${text}东莞市 3 回复`, `作者${text}赞`]) expect(mayHoldLocationLabel(around), around).toBe(true);
    }
    // Douban hides a reviewer's bare province by its selector: no label, no hint. Nor where its
    // time element's text runs into the province's in a review's whole text (the saved page's
    // markup: a line break and the indentation between them).
    const review = '把噗\n            \n          2023-07-04 18:57:39\n          北京\n        \n      \n      \n        注意力';
    for (const text of ['北京', '  阿黄  浙江  2024-01-02  有用 3', '北京烤鸭真好吃', 'IP address', review]) expect(mayHoldLocationLabel(text), text).toBe(false);
    // A label's own text may be indented by the markup around it.
    expect(mayHoldLocationLabel('\n    编辑于 07-04 浙江\n  ')).toBe(true);
    expect(cutLocationLabels('\n    编辑于 07-04 浙江\n  ')).toBe('\n    编辑于 07-04');
  });
});
