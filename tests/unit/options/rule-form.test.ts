import { describe, expect, it } from 'vitest';
import { BUILT_IN_RULES } from '../../../src/rules';
import { errorKeys, FIND_LISTS, formFromRule, LIST_FIELDS, ruleFromForm, SHAPE_LISTS, selectorRows, tidyForm } from '../../../src/options/rule-form';

describe('the rule editor’s form', () => {
  it.each(BUILT_IN_RULES.map((rule) => [rule.id, rule] as const))('gives back the %s rule unchanged when nothing is edited', (_id, rule) => {
    expect(ruleFromForm(tidyForm(formFromRule(rule)))).toEqual(rule);
  });

  it('shows every list of the rule in one place: a field the table gains needs no editor change', () => {
    // The editor showed neither avatarUrls nor identity.notKeys until its rows came from the table.
    expect(['hosts', ...FIND_LISTS, ...SHAPE_LISTS].sort()).toEqual([...LIST_FIELDS].sort());
    expect(FIND_LISTS).toContain('avatarUrls');
    expect(SHAPE_LISTS).toEqual(['titles', 'textShapes', 'identity.hrefPaths', 'identity.notKeys']);
  });

  it('drops blank rows and trims, so the rows on screen are the items the worker numbers', () => {
    const form = formFromRule({ id: 'x', name: ' X ', hosts: ['x.com'], names: ['.a'] });
    form.lists.names = ['', '  .b  ', ' ', '.c'];
    form.attributes = [
      { selector: ' a[title] ', names: 'title,  aria-label' },
      { selector: '', names: '' },
    ];
    const tidy = tidyForm(form);
    expect(tidy.lists.names).toEqual(['.b', '.c']);
    expect(ruleFromForm(tidy)).toEqual({ id: 'x', name: 'X', hosts: ['x.com'], names: ['.b', '.c'], attributes: [{ selector: 'a[title]', names: ['title', 'aria-label'] }] });
  });

  it('leaves out empty optional parts, keeps an empty host list for the worker to refuse', () => {
    const form = formFromRule({ id: 'x', name: 'X', hosts: [] });
    expect(ruleFromForm(tidyForm(form))).toEqual({ id: 'x', name: 'X', hosts: [] });
    form.keyAttribute = 'data-uid';
    expect(ruleFromForm(tidyForm(form))).toMatchObject({ identity: { attribute: 'data-uid' } });
  });

  it('reads a damaged rule without throwing', () => {
    const form = formFromRule({ id: 7, hosts: 'x.com', names: ['.a', 3], attributes: [null], identity: 'no' });
    expect(form.id).toBe('');
    expect(form.lists.hosts).toEqual([]);
    expect(form.lists.names).toEqual(['.a', '3']);
    expect(form.attributes).toEqual([{ selector: '', names: '' }]);
    expect(formFromRule(null).lists.names).toEqual([]);
  });

  it('names every place an error can be shown, and every selector to test with the key of its row', () => {
    const form = formFromRule({
      id: 'x',
      name: 'X',
      hosts: ['x.com'],
      names: ['.a', '.b'],
      attributes: [{ selector: 'c', names: ['title'] }],
      identity: { hrefPaths: ['/u/{key}'] },
    });
    expect(errorKeys(form)).toEqual(
      expect.arrayContaining(['hosts', 'hosts[0]', 'names', 'names[1]', 'attributes[0].selector', 'attributes[0].names', 'identity.hrefPaths[0]', 'identity.attribute']),
    );
    expect(selectorRows(form)).toEqual([
      { key: 'names[0]', selector: '.a' },
      { key: 'names[1]', selector: '.b' },
      { key: 'attributes[0].selector', selector: 'c' },
    ]);
  });
});
