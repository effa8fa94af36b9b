/**
 * Reads one site of a pack with the one rule checker (shared/rule/check.ts), placing each problem
 * in the pack ("sites.x.names[2]") and grouping it under its site.
 */
import { checkRule, type RuleContext } from '../rule/check';
import type { SiteRule } from '../rule/fields';
import { siteWhere, type PackProblem } from './types';

export type SiteContext = Required<Pick<RuleContext, 'builtIn' | 'claimed'>>;

/** "sites.x" + "names[2]" → "sites.x.names[2]"; a quoted key ("[\"a b\"]") follows without a dot. */
const inSite = (base: string, path: string) => (!path ? base : path.startsWith('[') ? `${base}${path}` : `${base}.${path}`);

export function readSiteRule(siteId: string, raw: unknown, context: SiteContext): { rule?: SiteRule; problems: PackProblem[] } {
  const base = siteWhere(siteId);
  const reading = checkRule(raw, { ...context, siteId });
  const problems = reading.problems.map(({ severity, path, message }) => ({ severity, where: inSite(base, path), message, siteId }));
  return { rule: reading.rule, problems };
}
