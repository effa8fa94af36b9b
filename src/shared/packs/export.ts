/**
 * What a user shares: their own rules and which sites they switched off, never what identifies
 * them (their handles, pseudonym salt or label stay home). Settings come in whole so a caller
 * cannot pass the wrong half; only disabledSites is read from them.
 */
import type { Settings } from '../settings';
import type { SiteRule } from '../site-rule';
import { PACK_FORMAT, PACK_VERSION, type MomoPack, type PackMeta } from './types';

const RULE_KEYS: (keyof SiteRule)[] = [
  'id', 'name', 'hosts', 'avatars', 'names', 'handles', 'mentions', 'locations', 'locationText', 'attributes', 'shadowHosts', 'titles', 'identity', 'self',
];

export function buildPack(userRules: Readonly<Record<string, SiteRule>>, settings: Readonly<Settings>, meta: Omit<PackMeta, 'created'>, now: Date): MomoPack {
  const sites = Object.fromEntries(Object.keys(userRules).sort().map((id) => [id, copyRule(userRules[id])]));
  const info: PackMeta = { title: meta.title.trim(), created: now.toISOString() };
  for (const key of ['author', 'description', 'packVersion'] as const) {
    const value = meta[key]?.trim();
    if (value) info[key] = value;
  }
  const pack: MomoPack = { format: PACK_FORMAT, version: PACK_VERSION, meta: info, sites };
  if (settings.disabledSites.length) pack.disabledSites = [...settings.disabledSites];
  return pack;
}

/** Only the rule's own fields, deep-copied: whatever else storage may hold next to them stays out. */
function copyRule(rule: SiteRule): SiteRule {
  const copy: Record<string, unknown> = {};
  for (const key of RULE_KEYS) if (rule[key] !== undefined) copy[key] = JSON.parse(JSON.stringify(rule[key]));
  return copy as unknown as SiteRule;
}
