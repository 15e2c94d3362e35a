import { tomorrowMorning } from '../../../src-shared/domain/pause-until.ts';
import { asBridgeError, request } from '../../bridge.ts';
import { useErrorWords } from '../../components/error-words.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { useAnnounce } from '../../state/announcer.tsx';
import { useAppData } from '../../state/app-data.tsx';

const HOUR_MS = 3_600_000;

/** The zone the window runs in: the OS's, as the tray's (shell/main.ts) is. */
const localTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Pause every notification for a while (they are held, not lost), or resume. */
export function NotificationsSection() {
  const { t, fmt } = useI18n();
  const { data } = useAppData();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const now = data.usage.generatedAt;
  const paused = data.usage.notificationsPausedUntil;
  const pause = async (until: number | null) => {
    try {
      await request('notifications:pause', until);
      announce(
        until === null
          ? t('notifications.resumed')
          : t('notifications.pausedUntil', { time: fmt.dateTime(until) }),
        'ok',
      );
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    }
  };
  return (
    <section className="panel" aria-labelledby="notifications-title">
      <div className="panel-header">
        <h2 id="notifications-title">{t('notifications.title')}</h2>
      </div>
      <p>
        {paused !== null && paused > now
          ? t('notifications.pausedUntil', { time: fmt.dateTime(paused) })
          : t('notifications.active')}
      </p>
      <div className="actions">
        <button type="button" onClick={() => void pause(now + HOUR_MS)}>
          {t('notifications.pauseHour')}
        </button>
        <button type="button" onClick={() => void pause(tomorrowMorning(now, localTimeZone()))}>
          {t('notifications.pauseTomorrow')}
        </button>
        {paused !== null && (
          <button type="button" onClick={() => void pause(null)}>
            {t('notifications.resume')}
          </button>
        )}
      </div>
    </section>
  );
}
