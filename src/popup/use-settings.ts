import { useCallback, useEffect, useState } from 'preact/hooks';
import type { Settings } from '../shared/settings';
import { getSettings, onSettingsChanged } from './api';

export interface SettingsHandle {
  settings: Settings | null;
  /** The last worker refusal or failure, for the page to show. */
  error: string | null;
  /** Runs a worker call that answers with the new settings, and shows them at once. */
  change: (call: () => Promise<Settings>) => Promise<boolean>;
}

/**
 * The settings as the worker answers them, kept current: a change made anywhere (this page, the
 * keyboard command, the context menu, another extension page) lands in storage, and storage.onChanged
 * brings it here.
 */
export function useSettings(): SettingsHandle {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(() => {
    getSettings().then(setSettings, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    reload();
    return onSettingsChanged(reload);
  }, [reload]);

  const change = useCallback(async (call: () => Promise<Settings>) => {
    try {
      setSettings(await call());
      setError(null);
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  }, []);
  return { settings, error, change };
}
