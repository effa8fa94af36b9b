/**
 * The one schema for site rules, whether built in, typed by the user or imported from a pack.
 * A rule can only say which elements are identities: a selector must be a selector (no `{`, `}`,
 * `;`, `url(`, `@import`), sizes are capped, unknown keys are dropped. The content script never
 * imports this (no schema library in the page): rules reach it already checked.
 */
import { z } from 'zod/mini';
import { LIMITS, type SiteRule } from './site-rule';

export { LIMITS };

// zod/mini, not the classic API: the worker parses every message with these schemas, and the mini
// build is a fifth of the size and quicker to set up, which a worker woken for one answer pays on
// every start (BENCHMARKS.md, the worker's cold answer). English messages for the checks without
// one of our own ("Too small: expected string to have >=1 characters").
z.config(z.locales.en());

const FORBIDDEN_IN_SELECTOR: [RegExp, string][] = [
  [/[{};]/, 'contains "{", "}" or ";" (CSS text, not a selector)'],
  [/url\s*\(/i, 'contains url( (a selector never loads anything)'],
  [/@import/i, 'contains @import'],
  [/[\u0000-\u001f]/, 'contains control characters'],
];

/**
 * A schema built the first time it parses: the worker imports this file on every wake, and most
 * wakes never check a rule.
 */
function builtOnFirstUse<T extends z.ZodMiniType>(build: () => T): { safeParse: T['safeParse'] } {
  let schema: T | undefined;
  return { safeParse: ((value: unknown) => (schema ??= build()).safeParse(value)) as T['safeParse'] };
}

const selector = () =>
  z.string().check(
    z.minLength(1, 'is empty'),
    z.maxLength(LIMITS.selectorLength, `is longer than ${LIMITS.selectorLength} characters`),
    z.superRefine((value, ctx) => {
      for (const [pattern, why] of FORBIDDEN_IN_SELECTOR) if (pattern.test(value)) ctx.addIssue({ code: 'custom', message: why, input: value });
    }),
  );

const selectors = () => z.optional(z.array(selector()).check(z.maxLength(LIMITS.selectorsPerField, `has more than ${LIMITS.selectorsPerField} selectors`)));

/** A host name as the browser shows it: lowercase labels, no scheme, path, port or wildcard. */
const hostName = () =>
  z.string().check(z.regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/, 'is not a host name like "example.com"'));
export const HostName = builtOnFirstUse(hostName);

const pathShape = () => z.string().check(z.maxLength(200), z.regex(/^\/[^\s]*\{key\}[^\s]*$/, 'must start with "/" and contain {key}, e.g. "/user/{key}"'));

const siteRule = () =>
  z.object({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be lowercase letters, digits and dashes')),
    name: z.string().check(z.trim(), z.minLength(1), z.maxLength(60)),
    hosts: z.array(hostName()).check(z.minLength(1, 'needs at least one host'), z.maxLength(LIMITS.hosts)),
    avatars: selectors(),
    names: selectors(),
    handles: selectors(),
    mentions: selectors(),
    locations: selectors(),
    locationText: selectors(),
    attributes: z.optional(
      z
        .array(z.object({ selector: selector(), names: z.array(z.string().check(z.regex(/^[a-z][a-z0-9_:.-]{0,40}$/i, 'is not an attribute name'))).check(z.minLength(1), z.maxLength(10)) }))
        .check(z.maxLength(LIMITS.selectorsPerField)),
    ),
    shadowHosts: selectors(),
    titles: z.optional(z.array(z.string().check(z.maxLength(200), z.regex(/\{name\}|\{handle\}/, 'must contain {name} or {handle}'))).check(z.maxLength(LIMITS.titles))),
    identity: z.optional(z.object({ hrefPaths: z.optional(z.array(pathShape()).check(z.maxLength(10))), attribute: z.optional(z.string().check(z.maxLength(40))) })),
    self: selectors(),
  });
export const SiteRuleSchema = builtOnFirstUse(siteRule);

/** Compile-time proof that the schema and the plain type describe the same thing. */
type SchemaRule = z.infer<ReturnType<typeof siteRule>>;
export const sameShape: [SchemaRule] extends [SiteRule] ? ([SiteRule] extends [SchemaRule] ? true : false) : false = true;

/** Where and what: "names[2]: contains url( (a selector never loads anything)". */
export function describeIssues(error: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): string[] {
  return error.issues.map((issue) => `${issue.path.map(String).join('.').replace(/\.(\d+)/g, '[$1]') || 'rule'}: ${issue.message}`);
}
