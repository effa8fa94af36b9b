/** Checking a handle the user adds to "your own accounts", as the worker will store it. Pure. */
import { MAX_OWN_HANDLES, normalizeHandle } from '../shared/settings';

export const MAX_HANDLE_LENGTH = 64;

export const HANDLE_PROBLEMS = ['handleEmpty', 'handleTooLong', 'handleHasSpace', 'handleDuplicate', 'handleTooMany'] as const;
export type HandleProblem = (typeof HANDLE_PROBLEMS)[number];

/** Why `typed` cannot be added to `current`, or null; handles compare as the worker stores them ("@Me" is "me"). */
export function handleProblem(typed: string, current: readonly string[]): HandleProblem | null {
  const handle = normalizeHandle(typed);
  if (!handle) return 'handleEmpty';
  if (handle.length > MAX_HANDLE_LENGTH) return 'handleTooLong';
  if (/\s/.test(handle)) return 'handleHasSpace';
  if (current.includes(handle)) return 'handleDuplicate';
  if (current.length >= MAX_OWN_HANDLES) return 'handleTooMany';
  return null;
}
