/**
 * The options page's pack helpers: the download's file name, the checks made before the worker is
 * asked, the compact rule diff of the preview, and how the preview's checkboxes and conflict choices
 * become page:apply-import's choices (checked against the real merge: what the user leaves unticked
 * is never written).
 */
import { describe, expect, it } from 'vitest';
import { applyImport, previewImport } from '../../../src/shared/packs/merge';
import { validatePack } from '../../../src/shared/packs/pack-schema';
import type { PackState } from '../../../src/shared/packs/state';
import type { SiteRule } from '../../../src/shared/rule/fields';
import { allState, checkboxParts, choicesFor, defaultSelection, packProblems, selectAll, siteName, sitesToWrite, warningsFor } from '../../../src/options/packs/choices';
import { fileProblem, INPUT_PROBLEMS, MAX_IMPORT_TEXT, packFileBytesText, packFileName, packFileText, packSlug, textProblem } from '../../../src/options/packs/file-name';
import { DIFF_FIELDS, fieldItems, ruleDiff } from '../../../src/options/packs/rule-diff';
import { readLocale } from '../popup/fake-browser';
import { BUILT_IN, builtIn, FORUM, makePack, NOW } from '../packs/helpers';

describe('the pack file name', () => {
  it.each([
    ['Demo byline fix', 'demo-byline-fix'],
    ['  Café   Crème!! v2.1 ', 'cafe-creme-v2-1'],
    ['Reddit / Old Reddit: names & flair', 'reddit-old-reddit-names-flair'],
    ['微博和知乎的修正', '微博和知乎的修正'],
    ['Ärger über Größe', 'arger-uber-große'],
    ['한국어 팩', '한국어-팩'],
    ['../../etc/passwd', 'etc-passwd'],
    ['CON:AUX*?"<>|', 'con-aux'],
    ['!!!', 'momo-pack'],
    ['', 'momo-pack'],
  ])('%j → %j', (title, slug) => {
    expect(packSlug(title)).toBe(slug);
    expect(packFileName(title)).toBe(`${slug}.momo.json`);
  });

  it('is at most 60 characters before the extension, never ending in a dash', () => {
    const slug = packSlug(`${'a'.repeat(59)} b c d`);
    expect(slug).toBe('a'.repeat(59));
    expect([...packSlug('規則'.repeat(50))]).toHaveLength(60);
  });

  it('writes the pack as indented JSON with a final newline', () => {
    const pack = makePack({});
    expect(JSON.parse(packFileText(pack))).toEqual(pack);
    expect(packFileText(pack)).toMatch(/^\{\n {2}"format": "momo-pack",[\s\S]*\}\n$/);
  });
});

describe('checks before the worker is asked', () => {
  it('reads .json and .momo.json files (or JSON by type) up to the pack cap', () => {
    expect(fileProblem({ name: 'friends.momo.json', size: 1200 })).toBeNull();
    expect(fileProblem({ name: 'FRIENDS.JSON', size: 1200 })).toBeNull();
    expect(fileProblem({ name: 'download', size: 1200, type: 'application/json' })).toBeNull();
    expect(fileProblem({ name: 'photo.png', size: 1200, type: 'image/png' })).toBe('packFileNotJson');
    expect(fileProblem({ name: 'pack.json.exe', size: 1200 })).toBe('packFileNotJson');
    expect(fileProblem({ name: 'big.momo.json', size: 256 * 1024 })).toBeNull();
    expect(fileProblem({ name: 'big.momo.json', size: 256 * 1024 + 1 })).toBe('packFileTooLarge');
  });

  it('sends pasted text unless it is blank or longer than the message allows', () => {
    expect(textProblem('MOMO1:abc.01234567')).toBeNull();
    expect(textProblem('  \n ')).toBe('packTextEmpty');
    expect(textProblem('x'.repeat(MAX_IMPORT_TEXT))).toBeNull();
    expect(textProblem('x'.repeat(MAX_IMPORT_TEXT + 1))).toBe('packTextTooLarge');
  });

  it('has every problem worded in both languages', () => {
    for (const locale of ['en', 'zh_CN'] as const) {
      const messages = readLocale(locale);
      expect(INPUT_PROBLEMS.filter((key) => !messages[key]?.message)).toEqual([]);
    }
  });
});

describe('the rule diff of the preview', () => {
  const demo = builtIn('demo');

  it('shows what the pack adds to and removes from each list, and how many items stay', () => {
    const theirs: SiteRule = { ...demo, names: [...demo.names!, '.byline'], handles: [], locations: ['.place', '.city'] };
    delete theirs.handles;
    expect(ruleDiff(demo, theirs)).toEqual([
      { field: 'names', added: ['.byline'], removed: [], kept: 1, reordered: false },
      { field: 'handles', added: [], removed: ['[data-role="handle"]'], kept: 0, reordered: false },
      { field: 'locations', added: ['.place', '.city'], removed: ['[data-role="location"]'], kept: 0, reordered: false },
    ]);
  });

  it('lists everything as added for a new site', () => {
    const diff = ruleDiff(undefined, FORUM);
    expect(diff.map((d) => d.field)).toEqual(['name', 'hosts', 'avatars', 'names', 'handles', 'titles', 'identity.hrefPaths']);
    expect(diff.every((d) => d.removed.length === 0 && d.kept === 0)).toBe(true);
    expect(diff.find((d) => d.field === 'hosts')?.added).toEqual(['forum.example.org']);
  });

  it('covers attributes, the key attribute and the name, and says when only the order changed', () => {
    const theirs: SiteRule = {
      ...demo,
      name: 'Demo (fixed)',
      attributes: [{ selector: 'demo-comment[author]', names: ['author', 'title'] }],
      identity: { hrefPaths: [...demo.identity!.hrefPaths!].reverse(), attribute: 'data-uid' },
    };
    const diff = ruleDiff(demo, theirs);
    expect(diff.map((d) => d.field)).toEqual(['name', 'attributes', 'identity.hrefPaths', 'identity.attribute']);
    expect(diff[1]).toMatchObject({ added: ['demo-comment[author] [author, title]'], removed: ['demo-comment[author] [author]'] });
    expect(diff[2]).toEqual({ field: 'identity.hrefPaths', added: [], removed: [], kept: 2, reordered: true });
    expect(diff[3]).toMatchObject({ added: ['data-uid'], removed: [] });
  });

  it('counts repeated items one by one, and finds no difference between equal rules', () => {
    expect(ruleDiff({ ...demo, names: ['.a', '.a'] }, { ...demo, names: ['.a'] })).toEqual([{ field: 'names', added: [], removed: ['.a'], kept: 1, reordered: false }]);
    expect(ruleDiff(demo, structuredClone(demo))).toEqual([]);
  });

  it('reads a damaged rule without throwing', () => {
    const damaged = { id: 'x', name: 3, hosts: 'x.com', names: ['.a', 4, null], attributes: [null, { selector: 7, names: 'no' }], identity: [] } as unknown as SiteRule;
    expect(DIFF_FIELDS.flatMap((field) => fieldItems(damaged, field))).toEqual(['.a', ' []']);
    expect(ruleDiff(damaged, undefined).map((d) => d.field)).toEqual(['names', 'attributes']);
  });
});

describe('the preview’s choices', () => {
  const mine: SiteRule = { ...builtIn('reddit'), names: ['.my-name'] };
  const theirs: SiteRule = { ...builtIn('reddit'), names: ['.their-name'] };
  const state: PackState = { userRules: { reddit: mine }, importedRules: {}, disabledSites: [] };
  const weibo = builtIn('weibo');
  const reading = validatePack(
    makePack(
      {
        forum: FORUM,
        // More names than the built-in rule, nothing dropped: it strengthens masking.
        x: { ...builtIn('x'), names: [...(builtIn('x').names ?? []), '.x-name'] },
        reddit: theirs,
        demo: builtIn('demo'),
        zhihu: { ...builtIn('zhihu'), names: ['*'] },
        // No names at all: it weakens masking.
        weibo: { ...weibo, names: [] },
      },
      { disabledSites: ['bilibili', 'x', 'reddit'] },
    ),
    BUILT_IN,
  );
  const preview = previewImport(state, BUILT_IN, reading);
  const statusOf = Object.fromEntries(preview.sites.map((site) => [site.siteId, site.status]));
  const NOTHING_WEAKENING = { 'x:off': 'skip', 'reddit:off': 'skip', weibo: 'skip', bilibili: 'skip' } as const;

  it('starts from the worker’s own defaults: what strengthens applied, what weakens unticked, conflicts keep the user’s rule', () => {
    expect(statusOf).toEqual({ zhihu: 'invalid', forum: 'added', x: 'changed', reddit: 'conflict', demo: 'unchanged', weibo: 'changed', bilibili: 'changed' });
    const selection = defaultSelection(preview);
    expect(selection).toEqual({
      apply: { forum: true, x: true, 'x:off': false, 'reddit:off': false, weibo: false, bilibili: false },
      conflicts: { reddit: 'keep-mine' },
    });
    expect(choicesFor(preview, selection)).toEqual({ forum: 'apply', x: 'apply', reddit: 'keep-mine', ...NOTHING_WEAKENING });
    expect(allState(preview, selection)).toBe('all');
    expect(sitesToWrite(preview, selection)).toEqual(['forum', 'x']);
    // Applied as sent, nothing is switched off and weibo keeps its names.
    const result = applyImport(state, preview, choicesFor(preview, selection), NOW);
    expect(result.ok && result.applied).toEqual(['forum', 'x']);
    expect(result.nextState.disabledSites).toEqual([]);
    expect(result.nextState.importedRules.weibo).toBeUndefined();
  });

  it('says what each weakening part weakens', () => {
    const site = (id: string) => preview.sites.find((item) => item.siteId === id)!;
    expect(warningsFor(site('weibo'), 'rule')).toEqual([{ kind: 'drops', field: 'names', count: weibo.names!.length }]);
    expect(warningsFor(site('weibo'), 'switch-off')).toEqual([]);
    expect(warningsFor(site('bilibili'), 'switch-off')).toEqual([{ kind: 'switch-off' }]);
    expect(warningsFor(site('x'), 'rule')).toEqual([]);
    expect(warningsFor(site('x'), 'switch-off')).toEqual([{ kind: 'switch-off' }]);
    expect(warningsFor(site('reddit'), 'rule')).toEqual([{ kind: 'drops', field: 'names', count: 1 }]);
    expect(checkboxParts(site('x'))).toEqual([
      { key: 'x', kind: 'rule', weakens: false },
      { key: 'x:off', kind: 'switch-off', weakens: true },
    ]);
    expect(checkboxParts(site('reddit'))).toEqual([{ key: 'reddit:off', kind: 'switch-off', weakens: true }]);
    expect(checkboxParts(site('bilibili'))).toEqual([{ key: 'bilibili', kind: 'switch-off', weakens: true }]);
  });

  it('ticks a weakening part only with its own checkbox: "apply all" leaves it, and the worker applies it once ticked', () => {
    const all = selectAll(preview, selectAll(preview, defaultSelection(preview), false), true);
    expect(choicesFor(preview, all)).toEqual({ forum: 'apply', x: 'apply', reddit: 'keep-mine', ...NOTHING_WEAKENING });
    const ticked = { ...all, apply: { ...all.apply, 'x:off': true, weibo: true } };
    expect(allState(preview, ticked)).toBe('all');
    expect(sitesToWrite(preview, ticked)).toEqual(['forum', 'x', 'weibo']);
    const result = applyImport(state, preview, choicesFor(preview, ticked), NOW);
    expect(result.ok && result.applied).toEqual(['forum', 'x', 'weibo']);
    expect(result.nextState.disabledSites).toEqual(['x']);
    expect(result.nextState.importedRules.weibo.rule.names).toEqual([]);
    // Unticking all unticks the weakening parts too.
    expect(Object.values(choicesFor(preview, selectAll(preview, ticked, false))).filter((choice) => choice === 'apply')).toEqual([]);
  });

  it('sends a skip for each unticked site and the chosen side of each conflict', () => {
    let selection = defaultSelection(preview);
    selection = { ...selection, apply: { ...selection.apply, x: false }, conflicts: { reddit: 'take-theirs' } };
    expect(allState(preview, selection)).toBe('some');
    const choices = choicesFor(preview, selection);
    expect(choices).toEqual({ forum: 'apply', x: 'skip', reddit: 'take-theirs', ...NOTHING_WEAKENING });
    expect(sitesToWrite(preview, selection)).toEqual(['forum', 'reddit']);

    const result = applyImport(state, preview, choices, NOW);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.applied.sort()).toEqual(['forum', 'reddit']);
    expect(result.nextState.importedRules.x).toBeUndefined();
    expect(result.nextState.userRules.reddit).toBeUndefined();
    expect(result.nextState.importedRules.reddit.rule).toEqual(theirs);
  });

  it('ticks all and none with one checkbox, leaving conflicts as chosen', () => {
    const chosen = { ...defaultSelection(preview), conflicts: { reddit: 'take-theirs' as const } };
    const none = selectAll(preview, chosen, false);
    expect(allState(preview, none)).toBe('none');
    expect(choicesFor(preview, none)).toEqual({ forum: 'skip', x: 'skip', reddit: 'take-theirs', ...NOTHING_WEAKENING });
    expect(allState(preview, selectAll(preview, none, true))).toBe('all');
    // Nothing ticked and the user's rule kept: nothing to write, so Apply has nothing to do.
    expect(sitesToWrite(preview, selectAll(preview, defaultSelection(preview), false))).toEqual([]);
  });

  it('every choice it makes is one the worker accepts, for every status', () => {
    for (const on of [true, false]) {
      for (const side of ['keep-mine', 'take-theirs'] as const) {
        const selection = { ...selectAll(preview, defaultSelection(preview), on), conflicts: { reddit: side } };
        expect(applyImport(state, preview, choicesFor(preview, selection), NOW).ok).toBe(true);
      }
    }
  });

  it('names sites by the pack’s rule, the rule in force, a built-in site’s name, or the id', () => {
    expect(preview.sites.map((site) => siteName(site))).toEqual(['zhihu', 'Friendly forum', builtIn('x').name, builtIn('reddit').name, 'demo', weibo.name, 'bilibili']);
    const known = { demo: builtIn('demo').name, zhihu: builtIn('zhihu').name, bilibili: builtIn('bilibili').name };
    expect(preview.sites.map((site) => siteName(site, known))).toEqual([
      known.zhihu,
      'Friendly forum',
      builtIn('x').name,
      builtIn('reddit').name,
      known.demo,
      weibo.name,
      known.bilibili,
    ]);
    expect(siteName({ siteId: 'constructor', status: 'invalid', slot: { disabled: false } })).toBe('constructor');
  });

  it('separates the pack’s own problems from each site’s, and says when the whole pack was refused', () => {
    const withNotice = previewImport(state, BUILT_IN, validatePack({ ...makePack({ forum: FORUM }), extra: 1 }, BUILT_IN));
    expect(packProblems(withNotice)).toEqual({ refused: false, errors: [], notices: ['extra: unknown key dropped'] });
    expect(packProblems(preview).errors).toEqual([]);
    expect(preview.sites.find((site) => site.siteId === 'zhihu')?.reasons?.[0]).toMatch(/^sites\.zhihu\.names\[0\]: /);

    const refused = previewImport(state, BUILT_IN, validatePack({ format: 'something-else' }, BUILT_IN));
    const problems = packProblems(refused);
    expect(problems.refused).toBe(true);
    expect(problems.errors.length).toBeGreaterThan(0);
    expect(problems.errors.every((line) => /^[^:]+: /.test(line))).toBe(true);
    expect(defaultSelection(refused)).toEqual({ apply: {}, conflicts: {} });
  });
});

describe('reading a pack file’s bytes', () => {
  it('reads UTF-8, with or without a byte order mark', () => {
    const text = '{"title": "微博 Café"}';
    expect(packFileBytesText(new TextEncoder().encode(text))).toBe(text);
    expect(packFileBytesText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]))).toBe(text);
  });

  it('refuses bytes that are not UTF-8 instead of guessing with replacement characters', () => {
    const latin1 = Uint8Array.from('{"title": "Café"}', (char) => char.charCodeAt(0));
    expect(packFileBytesText(latin1)).toBeNull();
    expect(packFileBytesText(new Uint8Array([0x7b, 0xc3]))).toBeNull();
    // GBK "微博"
    expect(packFileBytesText(new Uint8Array([0xce, 0xa2, 0xb2, 0xa9]))).toBeNull();
  });
});
