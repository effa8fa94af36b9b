/**
 * The one schema for site rules, whether built in, typed by the user or imported from a pack.
 * A rule can only say which elements are identities: a selector must be a selector (no `{`, `}`,
 * `;`, `url(`, `@import`), sizes are capped, unknown keys are dropped. The content script never
 * imports this (no schema library in the page): rules reach it already checked.
 */
import { z } from 'zod';
import { LIMITS, type SiteRule } from './site-rule';

export { LIMITS };

const FORBIDDEN_IN_SELECTOR: [RegExp, string][] = [
  [/[{};]/, 'contains "{", "}" or ";" (CSS text, not a selector)'],
  [/url\s*\(/i, 'contains url( (a selector never loads anything)'],
  [/@import/i, 'contains @import'],
  [/[\u0000-\u001f]/, 'contains control characters'],
];

export const Selector = z
  .string()
  .min(1, 'is empty')
  .max(LIMITS.selectorLength, `is longer than ${LIMITS.selectorLength} characters`)
  .superRefine((value, ctx) => {
    for (const [pattern, why] of FORBIDDEN_IN_SELECTOR) if (pattern.test(value)) ctx.addIssue({ code: 'custom', message: why });
  });

const Selectors = z.array(Selector).max(LIMITS.selectorsPerField, `has more than ${LIMITS.selectorsPerField} selectors`);

/** A host name as the browser shows it: lowercase labels, no scheme, path, port or wildcard. */
export const HostName = z
  .string()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, 'is not a host name like "example.com"');

const PathShape = z
  .string()
  .max(200)
  .regex(/^\/[^\s]*\{key\}[^\s]*$/, 'must start with "/" and contain {key}, e.g. "/user/{key}"');

export const SiteRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes'),
  name: z.string().trim().min(1).max(60),
  hosts: z.array(HostName).min(1, 'needs at least one host').max(LIMITS.hosts),
  avatars: Selectors.optional(),
  names: Selectors.optional(),
  handles: Selectors.optional(),
  mentions: Selectors.optional(),
  locations: Selectors.optional(),
  locationText: Selectors.optional(),
  attributes: z
    .array(z.object({ selector: Selector, names: z.array(z.string().regex(/^[a-z][a-z0-9_:.-]{0,40}$/i, 'is not an attribute name')).min(1).max(10) }))
    .max(LIMITS.selectorsPerField)
    .optional(),
  shadowHosts: Selectors.optional(),
  titles: z
    .array(z.string().max(200).regex(/\{name\}|\{handle\}/, 'must contain {name} or {handle}'))
    .max(LIMITS.titles)
    .optional(),
  identity: z.object({ hrefPaths: z.array(PathShape).max(10).optional(), attribute: z.string().max(40).optional() }).optional(),
  self: Selectors.optional(),
});

/** Compile-time proof that the schema and the plain type describe the same thing. */
type SchemaRule = z.infer<typeof SiteRuleSchema>;
export const sameShape: [SchemaRule] extends [SiteRule] ? ([SiteRule] extends [SchemaRule] ? true : false) : false = true;

/** Where and what: "names[2]: contains url( (a selector never loads anything)". */
export function describeIssues(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.join('.').replace(/\.(\d+)/g, '[$1]') || 'rule'}: ${issue.message}`);
}
