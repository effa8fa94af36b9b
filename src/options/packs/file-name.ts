/**
 * Pack files and pasted text, before the worker sees them: the download's file name from the
 * pack's title, and the checks a page can make on its own (kind of file, size). Pure, for unit tests.
 */
import { PACK_LIMITS } from '../../shared/packs/types';

/** The longest text the worker's page:preview-import message takes (src/shared/messages.ts). */
export const MAX_IMPORT_TEXT = 400_000;
/** A pack file may be at most this many bytes (the pack's own cap; the worker checks it again). */
export const MAX_PACK_FILE_BYTES = PACK_LIMITS.bytes;
const MAX_SLUG = 60;

/**
 * The title as a file name part: letters and digits of any script, lower case, accents dropped,
 * everything else one dash; "momo-pack" when nothing is left.
 */
export function packSlug(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  const cut = [...words].slice(0, MAX_SLUG).join('').replace(/-+$/, '');
  return cut || 'momo-pack';
}

export const packFileName = (title: string): string => `${packSlug(title)}.momo.json`;

/** The file as written to disk: the pack, indented, with a final newline. */
export const packFileText = (pack: unknown): string => `${JSON.stringify(pack, null, 2)}\n`;

/** The locale keys of the problems below (each takes the file name; packFileTooLarge also the cap in KB). */
export const INPUT_PROBLEMS = ['packFileNotJson', 'packFileTooLarge', 'packFileNotUtf8', 'packTextEmpty', 'packTextTooLarge'] as const;
export type FileProblem = 'packFileNotJson' | 'packFileTooLarge';

/** Why a chosen or dropped file is not read at all, or null to read it. */
export function fileProblem(file: { name: string; size: number; type?: string }): FileProblem | null {
  if (!/\.json$/i.test(file.name) && file.type !== 'application/json') return 'packFileNotJson';
  if (file.size > MAX_PACK_FILE_BYTES) return 'packFileTooLarge';
  return null;
}

/**
 * A pack file's bytes as text: UTF-8 only (a leading byte order mark is dropped), or null for bytes
 * that are not UTF-8 (a file saved as Latin-1 or GBK), never a guess with replacement characters
 * that would then be read as a pack's names and selectors.
 */
export function packFileBytesText(bytes: ArrayBuffer | Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

export type TextProblem = 'packTextEmpty' | 'packTextTooLarge';

/** Why pasted text is not sent to the worker, or null to send it. */
export function textProblem(text: string): TextProblem | null {
  if (!text.trim()) return 'packTextEmpty';
  if (text.length > MAX_IMPORT_TEXT) return 'packTextTooLarge';
  return null;
}
