/**
 * What a user gives the import box or a file: a pack's JSON text or a share code. Text that is
 * neither is told what was expected and what it looks like instead (empty, a web address, a code
 * cut off at its start, a code inside other text), never just "not a share code".
 */
import type { BuiltInRules } from './pack-schema';
import { readPackText } from './pack-schema';
import { decodeShareCode, SHARE_CODE_VERSION } from './share-code';
import type { PackReading } from './types';

const PREFIX = `MOMO${SHARE_CODE_VERSION}:`;
const EXPECTED = `expected a share code (it starts with "${PREFIX}") or a pack file's text (it starts with "{")`;

/** Reads the text as a pack file's text when it is JSON, as a share code when it is one, else says what it is. */
export function readPackInput(text: string, builtIn: BuiltInRules): Promise<PackReading> {
  const trimmed = text.trim();
  if (/^[{[]/.test(trimmed)) return Promise.resolve(readPackText(trimmed, builtIn));
  const why = notPackInput(trimmed);
  if (why) return Promise.resolve({ problems: [{ severity: 'error', where: 'text', message: why }] });
  return decodeShareCode(trimmed, builtIn);
}

/** Why text that is not JSON cannot be a share code, or undefined to read it as one (which checks the rest). */
export function notPackInput(text: string): string | undefined {
  const code = text.replace(/\s+/g, '');
  if (!code) return `is empty; ${EXPECTED}`;
  if (/^MOMO\d{1,6}:/i.test(code)) return undefined;
  if (/^(?:[a-z][a-z0-9+.-]*:\/\/|www\.)/i.test(code)) {
    return `is a web address, not a pack; to follow the pack kept there, add its address under “Subscriptions” below; to import it once, save the file and choose it, or paste its share code (it starts with "${PREFIX}")`;
  }
  if (/MOMO\d{1,6}:[A-Za-z0-9_-]/i.test(code)) return `has a share code inside other text; paste the code alone, starting at "${PREFIX}" through its end`;
  if (code.length >= 3 && PREFIX.toLowerCase().startsWith(code.toLowerCase()))
    return `is only the start of a share code; copy the whole code, starting at "${PREFIX}" through its end`;
  if (/^(?:[A-Za-z0-9]{0,5}:)?[A-Za-z0-9_-]{16,}\.[0-9a-f]{8}$/i.test(code))
    return `looks like a share code without its start; copy the whole code, starting at "${PREFIX}" through its end`;
  return `is neither a share code nor a pack; ${EXPECTED}`;
}
