/**
 * Class names machines made: react-native-web atoms (r-1niwhzg), css-in-js (css-1dbjc4n, sc-…),
 * CSS-module hashes (_2tbHP6ZydRpjI44J3syuqC, Foo_bar__x7Yz2, i7cW1UcwT6ThdhTakqFm). Words joined by
 * dashes or underscores (member_mention, woo-box-flex) are names people chose and stay allowed.
 * They change with every deploy of the site, so no rule may lean on them: the rule lint (tests/rules)
 * and the element picker share this one test.
 */
export function isGeneratedClass(token: string): boolean {
  if (/^(r|css)-[a-z0-9]{5,}$/.test(token) || /^sc-[A-Za-z]{5,}$/.test(token)) return true;
  const camelWords = /^[a-z]*([A-Z][a-z]+)*[A-Z]*$/; // ProfileHeader, RichTextJSON, isActive
  return token.split(/[-_]+/).some((part) => (part.length >= 5 && /\d/.test(part) && /[A-Za-z]/.test(part)) || (part.length >= 12 && !camelWords.test(part)));
}
