import { Notification, type NotificationConstructorOptions } from 'electron';
import type { AlertEvent } from '../core/alerts/alert-schema.ts';
import type { Logger } from '../core/logger.ts';

export interface NotificationDeps {
  /** Opens the usage window on the account the notification is about. */
  readonly openAccount: (accountId: string) => void;
  /** Where alerts go when the system cannot show notifications (the tray's banner). */
  readonly fallback: (text: string | null) => void;
  readonly log: Logger;
}

/** What a notification shows for an alert event. */
export function notificationOptions(event: AlertEvent) {
  return {
    title: event.title,
    body: event.body,
    urgency: event.severity === 'critical' ? ('critical' as const) : ('normal' as const),
    timeoutType: event.severity === 'critical' ? ('never' as const) : ('default' as const),
  };
}

/**
 * Shows alert events as desktop notifications; clicking one opens the usage window on that
 * account. Where the system has no notifications (some Linux sessions), the newest alert is put
 * in the tray's tooltip and menu instead, so it is still seen.
 */
export class NotificationPresenter {
  private readonly deps: NotificationDeps;
  /** Shown notifications are kept referenced until closed, or a click would find them gone. */
  private readonly live = new Set<Notification>();

  constructor(deps: NotificationDeps) {
    this.deps = deps;
  }

  show(events: readonly AlertEvent[]): void {
    const latest = events.at(-1);
    if (!latest) return;
    if (!Notification.isSupported()) {
      this.deps.log.warn('notifications are not supported here; the alert is shown in the tray', {
        account: latest.accountId,
      });
      this.deps.fallback(`⚠ ${latest.title}: ${latest.body}`);
      return;
    }
    for (const event of events)
      this.present(notificationOptions(event), () => this.deps.openAccount(event.accountId));
  }

  /** A message about the app itself rather than an account; a click runs `onClick`. */
  notice(title: string, body: string, onClick: () => void): void {
    if (!Notification.isSupported()) {
      this.deps.log.warn('notifications are not supported here; the notice is shown in the tray');
      this.deps.fallback(`⚠ ${title}: ${body}`);
      return;
    }
    this.present({ title, body }, onClick);
  }

  private present(options: NotificationConstructorOptions, onClick: () => void): void {
    const notification = new Notification(options);
    this.live.add(notification);
    notification.on('click', () => {
      this.deps.fallback(null);
      onClick();
    });
    notification.on('close', () => this.live.delete(notification));
    notification.show();
  }
}
