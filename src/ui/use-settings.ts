import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { Settings } from '../shared/settings';
import { getSettings, onSettingsChanged } from './api';

export interface SettingsHandle {
  settings: Settings | null;
  /** The last worker refusal or failure, for the page to show. */
  error: string | null;
  /**
   * Runs a worker call that answers with the new settings. `expected` is what the user just chose,
   * shown at once (a control must not flip back while the worker answers); the worker's answer then
   * replaces it, or, if it refuses, what was there before comes back.
   */
  change: (call: () => Promise<Settings>, expected?: (current: Settings) => Settings) => Promise<boolean>;
}

/**
 * The settings as the worker answers them, kept current: a change made anywhere (this page, the
 * keyboard command, the context menu, another extension page) lands in storage, and storage.onChanged
 * brings it here.
 */
export function useSettings(first?: Promise<Settings>): SettingsHandle {
  const [settings, setSettingsState] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const current = useRef<Settings | null>(null);
  const setSettings = useCallback((next: Settings | null) => {
    current.current = next;
    setSettingsState(next);
  }, []);

  const reload = useCallback((read: Promise<Settings> = getSettings()) => {
    read.then(setSettings, (e: Error) => setError(e.message));
  }, []);
  // A layout effect runs right after the first (empty) render; useEffect would wait for a painted
  // frame first, and the page shows nothing until the settings are read. `first`: a read the page
  // started before it rendered (popup/first-reads.ts).
  useLayoutEffect(() => {
    reload(first);
    return onSettingsChanged(() => reload());
  }, [reload]);

  const change = useCallback(async (call: () => Promise<Settings>, expected?: (current: Settings) => Settings) => {
    const before = current.current;
    if (expected && before) setSettings(expected(before));
    try {
      setSettings(await call());
      setError(null);
      return true;
    } catch (e) {
      if (expected && before) setSettings(before);
      setError((e as Error).message);
      return false;
    }
  }, []);
  return { settings, error, change };
}
