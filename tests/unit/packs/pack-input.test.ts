/**
 * What the import box and a chosen file give the worker: a pack's JSON text, a share code, or
 * something else, which is told what was expected instead of "not a share code".
 */
import { describe, expect, it } from 'vitest';
import { notPackInput, readPackInput } from '../../../src/shared/packs/pack-input';
import { validatePack } from '../../../src/shared/packs/pack-schema';
import { encodeShareCode } from '../../../src/shared/packs/share-code';
import { BUILT_IN, errors, FORUM, makePack } from './helpers';

const pack = validatePack(makePack({ forum: FORUM }), BUILT_IN).pack!;
const EXPECTED = 'expected a share code (it starts with "MOMO1:") or a pack file\'s text (it starts with "{")';

describe('reading what was given to import', () => {
  it('reads a pack’s JSON text and a share code, with space around them', async () => {
    const code = await encodeShareCode(pack);
    expect((await readPackInput(`\n ${JSON.stringify(pack)} \n`, BUILT_IN)).pack).toEqual(pack);
    expect((await readPackInput(`  ${code}\n`, BUILT_IN)).pack).toEqual(pack);
  });

  it('reads JSON that is not an object as JSON, and says what it found', async () => {
    expect(errors(await readPackInput('[1, 2]', BUILT_IN))).toEqual(['pack: expected a Momo Mask rule pack (a JSON object), found a list']);
  });

  it('says what was expected, and what the text looks like instead', async () => {
    const code = await encodeShareCode(pack);
    const cases: [string, string][] = [
      ['', `is empty; ${EXPECTED}`],
      [' \n\t ', `is empty; ${EXPECTED}`],
      [
        'https://example.org/friend.momo.json',
        'is a web address, not a pack; to follow the pack kept there, add its address under “Subscriptions” below; to import it once, save the file and choose it, or paste its share code (it starts with "MOMO1:")',
      ],
      [
        'www.example.org/pack',
        'is a web address, not a pack; to follow the pack kept there, add its address under “Subscriptions” below; to import it once, save the file and choose it, or paste its share code (it starts with "MOMO1:")',
      ],
      [`Here is my pack: ${code} enjoy`, 'has a share code inside other text; paste the code alone, starting at "MOMO1:" through its end'],
      ['MOMO1', 'is only the start of a share code; copy the whole code, starting at "MOMO1:" through its end'],
      ['momo', 'is only the start of a share code; copy the whole code, starting at "MOMO1:" through its end'],
      [code.slice(6), 'looks like a share code without its start; copy the whole code, starting at "MOMO1:" through its end'],
      [code.slice(3), 'looks like a share code without its start; copy the whole code, starting at "MOMO1:" through its end'],
      ['hello there', `is neither a share code nor a pack; ${EXPECTED}`],
      ['format: momo-pack', `is neither a share code nor a pack; ${EXPECTED}`],
    ];
    for (const [text, message] of cases) {
      expect(notPackInput(text.trim()), text).toBe(message);
      expect(errors(await readPackInput(text, BUILT_IN)), text).toEqual([`text: ${message}`]);
    }
  });

  it('leaves a code with its prefix to the share-code reader, which catches a cut end or a newer version', async () => {
    const code = await encodeShareCode(pack);
    expect(notPackInput(code.slice(0, -4))).toBeUndefined();
    expect(errors(await readPackInput(code.slice(0, -4), BUILT_IN))).toEqual(['share code: the code was changed or cut off']);
    expect(errors(await readPackInput('MOMO2:abc.12345678', BUILT_IN))).toEqual(['share code: made by a newer version of Momo Mask (MOMO2); update the extension to read it']);
  });
});
