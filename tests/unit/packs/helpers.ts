/**
 * Shared by the pack tests: the real built-in rules, a pack builder, and storage simulated as a
 * plain object that an import reads from and writes to the way the worker will (one write).
 */
import { BUILT_IN_RULES } from '../../../src/rules';
import { crc32Hex } from '../../../src/shared/packs/crc32';
import { applyImport, previewImport, type ImportChoice } from '../../../src/shared/packs/merge';
import { readPackText, rulesById, validatePack } from '../../../src/shared/packs/pack-schema';
import { decodeShareCode } from '../../../src/shared/packs/share-code';
import { packStateItems, readPackState } from '../../../src/shared/packs/state';
import { problemText, type PackReading } from '../../../src/shared/packs/types';
import { readSettings } from '../../../src/shared/settings';
import type { SiteRule } from '../../../src/shared/rule/fields';

export const BUILT_IN = rulesById(BUILT_IN_RULES);
export const NOW = new Date('2025-06-01T12:00:00.000Z');

export const builtIn = (id: string): SiteRule => structuredClone(BUILT_IN[id]);

export function makePack(sites: Record<string, unknown>, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { format: 'momo-pack', version: 1, meta: { title: 'Friend pack', created: '2025-05-01T08:00:00.000Z' }, sites, ...extra };
}

/** A site no built-in rule covers, as a friend would write it. */
export const FORUM: SiteRule = {
  id: 'forum',
  name: 'Friendly forum',
  hosts: ['forum.example.org'],
  avatars: ['img.avatar'],
  names: ['[data-user-card]'],
  handles: ['.username'],
  titles: ['{name} - Friendly forum'],
  identity: { hrefPaths: ['/u/{key}'] },
};

/** What storage holds before an import: the user's edits, an earlier import, settings with secrets. */
export function seededStorage(): Record<string, unknown> {
  const reddit = builtIn('reddit');
  const settings = readSettings({
    version: 2,
    enabled: true,
    disabledSites: ['bilibili'],
    label: 'milk-tea mo',
    mode: 'pseudonym',
    ownHandles: ['my_own_handle'],
    salt: 'a1b2c3d4e5f60718',
  }).settings;
  return {
    settings,
    userRules: { reddit: { ...reddit, names: [...(reddit.names ?? []), '.my-extra-name'] } },
    importedRules: {
      'old-forum': {
        rule: { id: 'old-forum', name: 'Old forum', hosts: ['old-forum.example.net'], names: ['.poster'] },
        pack: 'Earlier pack',
        importedAt: '2025-01-01T00:00:00.000Z',
      },
    },
    lastImport: null,
  };
}

export type PackInput = { pack: unknown } | { text: string } | { code: string };

export async function read(input: PackInput): Promise<PackReading> {
  if ('code' in input) return decodeShareCode(input.code, BUILT_IN);
  if ('text' in input) return readPackText(input.text, BUILT_IN);
  return validatePack(input.pack, BUILT_IN);
}

/** Reads, previews and applies an import against simulated storage, writing only on success. */
export async function importInto(storage: Record<string, unknown>, input: PackInput, choose?: (siteId: string, status: string) => ImportChoice) {
  const reading = await read(input);
  const settings = readSettings(storage.settings).settings;
  const { state } = readPackState({ ...storage, disabledSites: settings.disabledSites } as Parameters<typeof readPackState>[0], BUILT_IN);
  const preview = previewImport(state, BUILT_IN, reading);
  const choices = Object.fromEntries(preview.sites.map((item) => [item.siteId, choose ? choose(item.siteId, item.status) : undefined]).filter(([, c]) => c));
  const result = applyImport(state, preview, choices, NOW);
  if (result.ok && result.nextState !== state) Object.assign(storage, packStateItems(result.nextState, settings));
  return { reading, preview, result };
}

export const errors = (reading: PackReading) => reading.problems.filter((p) => p.severity === 'error').map(problemText);
export const notices = (reading: PackReading) => reading.problems.filter((p) => p.severity === 'notice').map(problemText);

/** A share code around any bytes, with a valid checksum: for codes whose content is the attack. */
export async function codeAround(text: string): Promise<string> {
  const stream = new ReadableStream<BufferSource>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(text));
      controller.close();
    },
  }).pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
  return `MOMO1:${Buffer.from(bytes).toString('base64url')}.${crc32Hex(bytes)}`;
}
