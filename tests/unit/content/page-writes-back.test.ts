/**
 * A page re-renders what we rewrote: Vue or React writes its own value back into the text node.
 * The masker took a write that starts with its rewrite for the HTML parser appending the rest of a
 * name, so a location cut short ("编辑于 1天前 福建" → "编辑于 1天前" on Xiaohongshu, " 来自福建" → " "
 * on Weibo, "・IP 属地北京" → "・" on Zhihu) read, written back whole, as our cut plus the label:
 * the label showed, and switching masking off wrote it twice. On every real saved page with
 * location labels, each text node we rewrote is written back as the page had it: after the
 * observer has run, no label shows, and masking off leaves exactly what the page wrote.
 */
import { describe, expect, it } from 'vitest';
import { loadFixtures } from '../../e2e/harness/fixtures';
import { builtInRuleFor, flush, loadSavedPage, startEngine, stopEngines, onSavedPages } from './helpers';

const WITH_LOCATIONS = loadFixtures().filter((f) => / : .+ @ [0-9a-f]{7,}/.test(f.expected.source) && f.expected.locations?.length);

onSavedPages();

/** The pages where a label was cut out of a longer text. */
const pagesWithCuts: string[] = [];

describe.each(WITH_LOCATIONS.map((fixture) => ({ fixture, page: fixture.dir.replace(/.*fixtures\//, '') })))('$page', ({ fixture }) => {
  it('masks a location label again when the page writes its text back, and restores what the page wrote', async () => {
    loadSavedPage(fixture);
    const engine = startEngine(builtInRuleFor(fixture.expected.url), document, {}, undefined, true);
    engine.rescan();
    await flush();
    const locations = fixture.expected.locations!;
    const cut: [Text, string][] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const original = engine.masker.originalText(node);
      if (original !== node.data && locations.some((place) => original.includes(place))) cut.push([node, original]);
    }
    // Elsewhere the label is an element of its own, hidden whole: nothing to write back.
    if (cut.length) pagesWithCuts.push(fixture.id);
    for (const [node, original] of cut) node.data = original;
    await flush();
    const shown = cut.filter(([node]) => locations.some((place) => node.data.includes(place))).map(([node]) => node.data);
    expect(shown).toEqual([]);
    stopEngines();
    expect(cut.filter(([node, original]) => node.data !== original).map(([node]) => node.data)).toEqual([]);
  });
});

// After the pages above: Xiaohongshu's note, Weibo's status, Zhihu's answers and Tieba's thread cut labels out of text.
it('had labels cut out of text to write back on real pages', () => expect(pagesWithCuts.length).toBeGreaterThanOrEqual(4));
