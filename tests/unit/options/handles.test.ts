import { describe, expect, it } from 'vitest';
import { parseWorkerMessage } from '../../../src/shared/messages';
import { handleProblem } from '../../../src/options/handles';

describe('adding one of the user’s own handles', () => {
  it('compares handles as the worker stores them, and says why one cannot be added', () => {
    expect(handleProblem('@Robin_A', [])).toBeNull();
    expect(handleProblem('  ', [])).toBe('handleEmpty');
    expect(handleProblem('@', [])).toBe('handleEmpty');
    expect(handleProblem('@ROBIN_A', ['robin_a'])).toBe('handleDuplicate');
    expect(handleProblem('two words', [])).toBe('handleHasSpace');
    expect(handleProblem('x'.repeat(65), [])).toBe('handleTooLong');
    expect(
      handleProblem(
        'one-more',
        Array.from({ length: 20 }, (_, i) => `h${i}`),
      ),
    ).toBe('handleTooMany');
  });

  it('never lets through a list the worker refuses', () => {
    let list: string[] = [];
    for (const typed of ['@a', 'B', '@b', 'c'.repeat(64), 'd'.repeat(70), ...Array.from({ length: 30 }, (_, i) => `user${i}`)]) {
      if (!handleProblem(typed, list)) list = [...list, typed.replace(/^@/, '').toLowerCase()];
    }
    expect(list).toHaveLength(20);
    expect(parseWorkerMessage({ type: 'page:set-own-handles', handles: list }).success).toBe(true);
  });
});
