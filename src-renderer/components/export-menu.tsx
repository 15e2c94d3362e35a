import { useState } from 'react';
import type { ExportRequest } from '../../src-shared/ipc/contract.ts';
import { asBridgeError, request } from '../bridge.ts';
import { useI18n } from '../i18n/i18n-context.tsx';
import { useAnnounce } from '../state/announcer.tsx';
import { useErrorWords } from './error-words.ts';

/** Export the stored history as CSV or JSON; main asks where to save it. */
export function ExportMenu() {
  const { t, fmt } = useI18n();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const [busy, setBusy] = useState(false);
  const save = async (format: ExportRequest['format']) => {
    setBusy(true);
    try {
      const result = await request('export:save', { format });
      announce(
        result.saved
          ? t('export.saved', {
              count: result.rows,
              rows: fmt.number(result.rows),
              file: result.fileName ?? '',
            })
          : t('export.cancelled'),
        result.saved ? 'ok' : 'info',
      );
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export" role="group" aria-label={t('export.title')}>
      <span className="export-label" aria-hidden="true">
        {t('export.title')}
      </span>
      <button type="button" className="small" disabled={busy} onClick={() => void save('csv')}>
        {t('export.csv')}
      </button>
      <button type="button" className="small" disabled={busy} onClick={() => void save('json')}>
        {t('export.json')}
      </button>
    </div>
  );
}
