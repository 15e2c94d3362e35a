import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n-context.tsx';
import type { Tone } from '../model/status.ts';

export interface Announcement {
  readonly id: number;
  readonly text: string;
  readonly tone: Tone;
}

type Announce = (text: string, tone?: Tone) => void;

const DISMISS_AFTER_MS = 8000;

const AnnouncerContext = createContext<Announce>(() => {});

/**
 * One place for the results of actions (saved, exported, refreshed) and their failures, so that
 * a screen reader hears them and everyone sees them in the same place.
 */
export function AnnouncerProvider(props: { readonly children: ReactNode }) {
  const { t } = useI18n();
  const [current, setCurrent] = useState<Announcement | null>(null);
  const announce = useCallback<Announce>((text, tone = 'info') => {
    setCurrent((previous) => ({ id: (previous?.id ?? 0) + 1, text, tone }));
  }, []);
  // Good news goes away by itself; errors stay until dismissed.
  useEffect(() => {
    if (!current || current.tone === 'error' || current.tone === 'warning') return;
    const timer = setTimeout(() => setCurrent((c) => (c === current ? null : c)), DISMISS_AFTER_MS);
    return () => clearTimeout(timer);
  }, [current]);
  const toast = (announcement: Announcement) => (
    <p
      key={announcement.id}
      className={`toast tone-${announcement.tone}`}
      data-testid="announcement"
    >
      {announcement.text}
      <button type="button" className="toast-close" onClick={() => setCurrent(null)}>
        <span aria-hidden="true">×</span>
        <span className="visually-hidden">{t('common.dismiss')}</span>
      </button>
    </p>
  );
  return (
    <AnnouncerContext value={announce}>
      {props.children}
      {/* Both regions are always there, so that what appears in them is announced: results
          politely, errors at once (role=alert, assertive). */}
      <div className="toast-region">
        <div role="status" aria-live="polite">
          {current && current.tone !== 'error' && toast(current)}
        </div>
        <div role="alert">{current?.tone === 'error' && toast(current)}</div>
      </div>
    </AnnouncerContext>
  );
}

export function useAnnounce(): Announce {
  return useContext(AnnouncerContext);
}
