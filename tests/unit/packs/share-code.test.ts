import { describe, expect, it } from 'vitest';
import { decodeShareCode, encodeShareCode } from '../../../src/shared/packs/share-code';
import { validatePack } from '../../../src/shared/packs/pack-schema';
import { BUILT_IN, builtIn, codeAround, errors, FORUM, makePack } from './helpers';

const pack = validatePack(makePack({ forum: FORUM, x: builtIn('x') }, { disabledSites: ['weibo'] }), BUILT_IN).pack!;

describe('share codes', () => {
  it('round-trips a pack through one line of text', async () => {
    const code = await encodeShareCode(pack);
    expect(code).toMatch(/^MOMO1:[A-Za-z0-9_-]+\.[0-9a-f]{8}$/);
    expect(code.length).toBeLessThan(JSON.stringify(pack).length);
    expect(await decodeShareCode(code, BUILT_IN)).toEqual({ pack, problems: [] });
  });

  it('tolerates whitespace and line breaks pasted around it and inside it (chats wrap long lines)', async () => {
    const code = await encodeShareCode(pack);
    const wrapped = `\n  ${code.slice(0, 30)}\r\n${code.slice(30, 90)} \t${code.slice(90)}  \n\n`;
    expect((await decodeShareCode(wrapped, BUILT_IN)).pack).toEqual(pack);
  });

  it('rejects a changed code by its checksum', async () => {
    const code = await encodeShareCode(pack);
    const at = 20;
    const changed = code.slice(0, at) + (code[at] === 'A' ? 'B' : 'A') + code.slice(at + 1);
    expect(await decodeShareCode(changed, BUILT_IN)).toEqual({ problems: [{ severity: 'error', where: 'share code', message: 'the code was changed or cut off' }] });
    const badSum = code.replace(/\.[0-9a-f]{8}$/, '.00000000');
    expect(errors(await decodeShareCode(badSum, BUILT_IN))).toEqual(['share code: the code was changed or cut off']);
  });

  it('rejects a truncated code', async () => {
    const code = await encodeShareCode(pack);
    for (const cut of [code.slice(0, -3), code.slice(0, code.length / 2), 'MOMO1:', 'MOMO1:abc']) {
      expect(errors(await decodeShareCode(cut, BUILT_IN)), cut).toEqual(['share code: the code was changed or cut off']);
    }
  });

  it('says what it is when it is not a code of this version', async () => {
    expect(errors(await decodeShareCode('hello there', BUILT_IN))).toEqual(['share code: this is not a Momo Mask share code']);
    expect(errors(await decodeShareCode('MOMO0:abc.12345678', BUILT_IN))).toEqual(['share code: this is not a Momo Mask share code']);
    expect(errors(await decodeShareCode('MOMO2:abc.12345678', BUILT_IN))).toEqual(['share code: made by a newer version of Momo Mask (MOMO2); update the extension to read it']);
  });

  it('unpacks, then reads the JSON and the pack inside like a file', async () => {
    expect(errors(await decodeShareCode(await codeAround('{"format": "momo-pack", '), BUILT_IN))[0]).toMatch(/^pack: is not valid JSON \(/);
    expect(errors(await decodeShareCode(await codeAround('[]'), BUILT_IN))).toEqual(['pack: expected a Momo Mask rule pack (a JSON object), found a list']);
    const withBadSite = await codeAround(JSON.stringify(makePack({ forum: FORUM, x: { hosts: ['evil.example'] } })));
    const reading = await decodeShareCode(withBadSite, BUILT_IN);
    expect(Object.keys(reading.pack!.sites)).toEqual(['forum']);
    expect(errors(reading)).toEqual(['sites.x.hosts: differ from the built-in site "x" (x.com, twitter.com, mobile.x.com, mobile.twitter.com); a built-in site keeps its hosts']);
  });

  it('stops unpacking at 256 KB, however small the code (zip-bomb safe)', async () => {
    const bomb = await codeAround(`{"format":"momo-pack","padding":"${' '.repeat(8 * 1024 * 1024)}"}`);
    expect(bomb.length).toBeLessThan(32 * 1024);
    expect(errors(await decodeShareCode(bomb, BUILT_IN))).toEqual(['share code: unpacks to more than 256 KB; a pack is at most 256 KB']);
  });
});
