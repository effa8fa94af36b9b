/**
 * The content scripts registered for the sites the user added follow storage and the permissions,
 * and survive an update that changed which files an added site loads: a registration persists with
 * the files it was made with, so one made by an earlier version is made again.
 */
import type { Browser, Scripting } from 'webextension-polyfill';
import { describe, expect, it } from 'vitest';
import { ADDED_SITE_SCRIPTS, syncRegistrations } from '../../../src/background/site-registrations';
import { ENGINE_FILE, MAIN_WORLD_HOOK_FILE } from '../../../src/shared/content-script-files';

function fakeExtension(registered: Scripting.RegisteredContentScript[], granted: (origins: string[]) => boolean) {
  const calls: string[] = [];
  const ext = {
    permissions: { contains: async ({ origins }: { origins: string[] }) => granted(origins) },
    scripting: {
      getRegisteredContentScripts: async () => structuredClone(registered),
      unregisterContentScripts: async ({ ids }: { ids: string[] }) => {
        calls.push(`unregister ${ids.join(' ')}`);
        registered = registered.filter((r) => !ids.includes(r.id));
      },
      registerContentScripts: async (scripts: Scripting.RegisteredContentScript[]) => {
        calls.push(`register ${scripts.map((s) => s.id).join(' ')}`);
        registered = [...registered, ...scripts];
      },
    },
  };
  return { ext: ext as unknown as Browser, calls, registered: () => registered };
}

const site = (host: string) => ({ host, addedAt: '2026-12-01T00:00:00.000Z' });
const base = { matches: ['*://forum.example/*'], runAt: 'document_start' as const, allFrames: true, persistAcrossSessions: true };

describe('syncRegistrations', () => {
  it('makes again a registration an earlier version made with other files, and leaves a current one', async () => {
    const { ext, calls, registered } = fakeExtension(
      [
        { ...base, id: 'added-site:forum.example:isolated', js: [ENGINE_FILE] },
        { ...base, id: 'added-site:forum.example:main', js: [MAIN_WORLD_HOOK_FILE], world: 'MAIN' } as Scripting.RegisteredContentScript,
      ],
      () => true,
    );
    await syncRegistrations(ext, { 'forum.example': site('forum.example') });
    expect(calls).toEqual(['unregister added-site:forum.example:isolated', 'register added-site:forum.example:isolated']);
    expect(registered().find((r) => r.id.endsWith(':isolated'))?.js).toEqual([...ADDED_SITE_SCRIPTS.isolated]);
    expect(ADDED_SITE_SCRIPTS.isolated).toContain(ENGINE_FILE);
  });

  it('drops the registrations of a site whose permission is gone, and registers nothing without one', async () => {
    const { ext, calls } = fakeExtension([{ ...base, id: 'added-site:forum.example:isolated', js: [...ADDED_SITE_SCRIPTS.isolated] }], () => false);
    await syncRegistrations(ext, { 'forum.example': site('forum.example'), 'other.example': site('other.example') });
    expect(calls).toEqual(['unregister added-site:forum.example:isolated']);
  });
});
