/**
 * What a user shares: their own rules and which sites they switched off, never what identifies
 * them (their handles, pseudonym salt or label stay home). Settings come in whole so a caller
 * cannot pass the wrong half; only disabledSites is read from them.
 */
import type { Settings } from '../settings';
import type { SiteRule } from '../rule/fields';
import { canonicalRule } from '../rule/format';
import { PACK_FORMAT, PACK_VERSION, type MomoPack, type PackMeta } from './types';

export function buildPack(userRules: Readonly<Record<string, SiteRule>>, settings: Readonly<Settings>, meta: Omit<PackMeta, 'created'>, now: Date): MomoPack {
  const sites = Object.fromEntries(
    Object.keys(userRules)
      .sort()
      .map((id) => [id, canonicalRule(userRules[id])]),
  );
  const info: PackMeta = { title: meta.title.trim(), created: now.toISOString() };
  for (const key of ['author', 'description', 'packVersion', 'changelog'] as const) {
    const value = meta[key]?.trim();
    if (value) info[key] = value;
  }
  const pack: MomoPack = { format: PACK_FORMAT, version: PACK_VERSION, meta: info, sites };
  if (settings.disabledSites.length) pack.disabledSites = [...settings.disabledSites];
  return pack;
}
