/**
 * Evidence the built-in rules carry so that pages nobody wrote a selector for stay masked
 * (tests/unit/content/generalization.test.ts), each tried here with the rule as shipped, on markup
 * of its own, with its decoys: Weibo's verification line "{known}官方账号" (a hole only a name the
 * page has named elsewhere fits), Facebook's profile-picture addresses (every "-1" family of its CDN
 * paths, post photos are "-6", "-8" and the like).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../../src/rules';
import { checkRule } from '../../../src/shared/rule/check';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { fingerprint, flush, startEngine, stopEngines } from './helpers';

const rule = (id: string): SiteRule => BUILT_IN_RULES.find((r) => r.id === id)!;
const text = (selector: string) => document.querySelector(selector)!.textContent;

afterEach(() => {
  stopEngines();
  document.body.innerHTML = '';
});

describe("Weibo's verification line: the account's name, when the page has named it elsewhere", () => {
  const page = () => `
    <a id="author" href="https://weibo.com/u/1618051664">头条新闻</a>
    <div class="side"><span id="line">头条新闻官方账号</span></div>
    <div class="other"><span id="unknown">欢迎关注我们的官方账号</span></div>
    <p id="post">关注头条新闻官方账号，了解更多</p>
    <a id="tag" href="https://s.weibo.com/weibo?q=%23%E5%A4%B4%E6%9D%A1%23">#头条新闻官方账号#</a>
    <textarea>头条新闻官方账号</textarea>
    <div contenteditable="true"><p id="draft">头条新闻官方账号</p></div>`;
  const masked = async () => {
    document.body.innerHTML = page();
    const engine = startEngine(rule('weibo'));
    await flush();
    return engine;
  };

  it('masks the name in the line, keeping the site’s words', async () => {
    await masked();
    expect(text('#author')).toBe('momo');
    expect(text('#line')).toBe('momo官方账号');
  });

  it('leaves the decoys: the same words after a name nobody has, in a post, a hashtag, the user’s drafts', async () => {
    await masked();
    expect(text('#unknown')).toBe('欢迎关注我们的官方账号');
    expect(text('#post')).toBe('关注头条新闻官方账号，了解更多');
    expect(text('#tag')).toBe('#头条新闻官方账号#');
    expect((document.querySelector('textarea') as HTMLTextAreaElement).value).toBe('头条新闻官方账号');
    expect(text('#draft')).toBe('头条新闻官方账号');
  });

  it('reads the line again when the page rewrites it, and restores the page exactly when stopped', async () => {
    document.body.innerHTML = page();
    const before = fingerprint(document.body);
    const engine = await masked();
    const line = document.querySelector('#line')!.firstChild as Text;
    line.data = '央视新闻官方账号';
    await flush();
    // Not a name of this page's: the line stays as written.
    expect(text('#line')).toBe('央视新闻官方账号');
    line.data = '头条新闻官方账号';
    await flush();
    expect(text('#line')).toBe('momo官方账号');
    engine.stop();
    expect(fingerprint(document.body)).toBe(before);
  });

  it('is a text shape’s hole only: a title shape may not hold it', () => {
    const base = rule('weibo');
    expect(checkRule({ ...base, textShapes: ['{known}官方账号', '{known} and {handle}'] }, { builtIn: {} }).problems).toEqual([]);
    expect(checkRule({ ...base, textShapes: ['{known}, {known} and {known}'] }, { builtIn: {} }).problems[0].message).toMatch(/at most 2/);
    expect(checkRule({ ...base, titles: ['{known} - 微博'] }, { builtIn: {} }).problems.map((p) => `${p.path}: ${p.message}`)).toEqual([
      'titles[0]: must contain {name} or {handle}',
    ]);
  });
});

describe("Facebook's profile pictures by address: every '-1' family, not post photos", () => {
  const cdn = 'https://scontent.ftbs5-3.fna.fbcdn.net/v';
  it('masks avatars of every profile-picture family, leaving post photos, video stills and emoji on the same CDN', async () => {
    document.body.innerHTML = `
      <svg><image id="old" xlink:href="${cdn}/t31.18172-1/18216419_o.jpg?stp=cp0_dst-jpg_p60x60"></image></svg>
      <img id="now" src="${cdn}/t39.30808-1/442436032_n.jpg?stp=cp0_dst-jpg_p40x40">
      <img id="silhouette" src="${cdn}/t1.30497-1/84628273_n.jpg?stp=c15.0.50.50a_cp0_dst-jpg_p50x50">
      <img id="photo" src="${cdn}/t39.30808-6/227636640_n.jpg?stp=dst-jpg_s960x960">
      <img id="old-photo" src="${cdn}/t31.18172-8/18216419_o.jpg">
      <img id="still" src="${cdn}/t15.5256-10/1234_n.jpg">
      <img id="emoji" src="https://static.xx.fbcdn.net/images/emoji.php/v9/t51/1/16/1f600.png">`;
    startEngine(rule('facebook'));
    await flush();
    const masked = [...document.querySelectorAll('[id]')].filter((el) => el.getAttribute('data-momo') === 'avatar').map((el) => el.id);
    expect(masked).toEqual(['old', 'now', 'silhouette']);
  });
});

describe("Douban's list makers: the name in brackets after a link to a list", () => {
  // The layer alone: the rule as shipped, less its structural name selectors (which cover this markup too).
  const layersOnly = (): SiteRule => ({ ...rule('douban'), names: [] });
  const page = () => `
    <ul class="bs">
      <li><a href="https://www.douban.com/doulist/39012552/">书海无涯</a> <span class="pl" id="maker">(佾云)</span></li>
      <li><a href="https://www.douban.com/doulist/1876083/">工人与新工人</a> <span class="pl" id="wide">（猫不许）</span></li>
      <li><a href="https://book.douban.com/subject/36255848/">三体</a> <span class="pl" id="count">(12人评价)</span></li>
      <li><a href="https://www.douban.com/doulist/1/">清单</a> <span class="pl" id="mixed">(<b>推荐</b>)</span></li>
    </ul>
    <span class="pl" id="all">(<a href="https://book.douban.com/subject/36255848/doulists">全部</a>)</span>
    <img id="pic" src="https://img.doubanio.com/view/photo/1.jpg" title="佾云 的收藏">
    <a href="https://www.douban.com/doulist/2/">草稿</a><textarea id="draft">(我的名字)</textarea>`;

  it('masks the maker, keeps the brackets, and learns the name for labels', async () => {
    document.body.innerHTML = page();
    startEngine(layersOnly());
    await flush();
    expect(text('#maker')).toBe('(momo)');
    expect(text('#wide')).toBe('（momo）');
    expect(document.getElementById('pic')!.getAttribute('title')).toBe('momo 的收藏');
  });

  it('leaves a count after a link to a book, a bracket holding markup, a link inside brackets, and drafts', async () => {
    document.body.innerHTML = page();
    startEngine(layersOnly());
    await flush();
    expect(text('#count')).toBe('(12人评价)');
    expect(text('#mixed')).toBe('(推荐)');
    expect(text('#all')).toBe('(全部)');
    expect((document.getElementById('draft') as HTMLTextAreaElement).value).toBe('(我的名字)');
  });

  it('gives the page back as it was when stopped', async () => {
    document.body.innerHTML = page();
    const before = fingerprint(document.body);
    startEngine(layersOnly()).stop();
    expect(fingerprint(document.body)).toBe(before);
  });
});
