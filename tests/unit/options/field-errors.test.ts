import { describe, expect, it } from 'vitest';
import { checkRule, problemLines } from '../../../src/shared/rule/check';
import { ISSUE_KEYS, localizeIssue, localizeLine, parseIssues, placeIssues } from '../../../src/options/field-errors';
import { errorKeys, formFromRule, ruleFromForm, tidyForm } from '../../../src/options/rule-form';

const translate = (key: string, ...values: string[]) => `«${key}${values.length ? `:${values.join(',')}` : ''}»`;

/** What the worker answers for a rule: the checker's lines, one per problem (as in message-router.ts). */
function workerAnswer(rule: unknown): string {
  const { rule: checked, problems } = checkRule(rule, { builtIn: {} });
  if (checked) throw new Error('expected the rule to be refused');
  return problemLines(problems).join('\n');
}

describe('placing the worker’s problems next to their fields', () => {
  it('splits the answer into field and message', () => {
    expect(parseIssues('names[1]: contains url( (a selector never loads anything)\nhosts: needs at least one host\n')).toEqual([
      { field: 'names[1]', message: 'contains url( (a selector never loads anything)' },
      { field: 'hosts', message: 'needs at least one host' },
    ]);
    expect(parseIssues('message "page:save-user-rule" refused: only the extension’s own pages may send it')).toEqual([
      { field: '', message: 'message "page:save-user-rule" refused: only the extension’s own pages may send it' },
    ]);
    expect(parseIssues('attributes[0].names[2]: is not an attribute name')[0].field).toBe('attributes[0].names[2]');
  });

  it('puts each line of a real refusal at the row it names', () => {
    const form = formFromRule({
      id: 'demo',
      name: 'Demo',
      hosts: ['demo momomask'],
      names: ['.ok', 'a { color: red }', '.fine'],
      attributes: [{ selector: 'x', names: ['author', '1x'] }],
      titles: ['no placeholder'],
    });
    const tidy = tidyForm(form);
    const { at, unplaced } = placeIssues(parseIssues(workerAnswer(ruleFromForm(tidy))), errorKeys(tidy));
    expect([...at.keys()].sort()).toEqual(['attributes[0].names', 'hosts[0]', 'names[1]', 'titles[0]']);
    expect(at.get('names[1]')).toEqual(['contains "{", "}" or ";" (CSS text, not a selector)']);
    // A field that holds several items keeps the item's own path in the message.
    expect(at.get('attributes[0].names')).toEqual(['[1]: is not an attribute name']);
    expect(unplaced).toEqual([]);
  });

  it('falls back to the enclosing list, then to the top of the form', () => {
    const keys = ['hosts', 'hosts[0]', 'names'];
    const { at, unplaced } = placeIssues(
      [
        { field: 'names', message: 'has more than 60 selectors' },
        { field: 'names[7]', message: 'is empty' },
        { field: 'rule', message: 'expected an object' },
        { field: '', message: 'no answer' },
      ],
      keys,
    );
    expect(at.get('names')).toEqual(['has more than 60 selectors', '[7]: is empty']);
    expect(unplaced).toEqual(['rule: expected an object', 'no answer']);
  });
});

describe('wording the schema’s messages in the user’s language', () => {
  it('knows every message the rule schema writes', () => {
    const lines = [
      workerAnswer({ id: 'A B', name: 'x', hosts: [] }),
      workerAnswer({ id: 'x', name: 'x', hosts: ['not a host'] }),
      workerAnswer({ id: 'x', name: 'x', hosts: ['x.com'], names: ['', 'a{', 'url(x)', '@import "x"', 'a\u0001', 'a'.repeat(401)] }),
      workerAnswer({ id: 'x', name: 'x', hosts: ['x.com'], avatars: Array(61).fill('img.avatar') }),
      workerAnswer({
        id: 'x',
        name: 'x',
        hosts: ['x.com'],
        attributes: [{ selector: 'a', names: ['1x'] }],
        mentions: ['span'],
        titles: ['plain'],
        identity: { hrefPaths: ['user'] },
      }),
    ].join('\n');
    for (const { field, message } of parseIssues(lines)) {
      expect({ field, message, localized: localizeIssue(message, translate).startsWith('«issue') }).toEqual({ field, message, localized: true });
    }
  });

  it('keeps numbers, and leaves unknown text as the worker wrote it', () => {
    expect(localizeIssue('is longer than 400 characters', translate)).toBe('«issueTooLong:400»');
    expect(localizeIssue('Invalid input: expected string, received number', translate)).toBe('Invalid input: expected string, received number');
    expect(localizeLine('[1]: is not an attribute name', translate)).toBe('[1]: «issueAttribute»');
    expect(ISSUE_KEYS).toContain('issueCssText');
  });
});
