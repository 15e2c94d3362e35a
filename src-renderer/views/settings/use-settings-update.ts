import { useCallback } from 'react';
import type { SettingsPatch } from '../../../src-shared/ipc/contract.ts';
import { asBridgeError, request } from '../../bridge.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { useAnnounce } from '../../state/announcer.tsx';
import { useAppData } from '../../state/app-data.tsx';

/** Sends a settings patch; the reply (the saved config) replaces the one shown. */
export function useSettingsUpdate(): (patch: SettingsPatch, saved?: string) => Promise<boolean> {
  const { setConfig } = useAppData();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  return useCallback(
    async (patch, saved) => {
      try {
        setConfig(await request('settings:update', patch));
        if (saved) announce(saved, 'ok');
        return true;
      } catch (error) {
        announce(errorWords(asBridgeError(error)), 'error');
        return false;
      }
    },
    [setConfig, announce, errorWords],
  );
}
