import { beforeEach, describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src-main/core/alerts/alert-schema.ts';
import { NotificationPresenter } from '../../src-main/shell/notifications.ts';
import { recordingLog } from '../core/polling/service-harness.ts';
import { Notification, resetElectronFake } from '../fakes/electron.ts';

const event = {
  id: 'idcf:transfer-total:jp-east:threshold-critical:1',
  accountId: 'idcf',
  accountLabel: 'IDCF',
  meterId: 'transfer-total:jp-east',
  severity: 'critical',
  raisedAt: 1,
  expiresAt: null,
  title: 'IDCF jp-east: 96 % used',
  body: '3.11 TB of 3.24 TB used; projected 112 % by Nov 30',
} as unknown as AlertEvent;

function presenter() {
  const opened: string[] = [];
  const banners: (string | null)[] = [];
  const { log, lines } = recordingLog();
  const shown = new NotificationPresenter({
    openAccount: (id) => opened.push(id),
    fallback: (t) => banners.push(t),
    log,
  });
  return { shown, opened, banners, lines };
}

describe('notifications', () => {
  beforeEach(() => resetElectronFake());

  it('shows an alert with its title and body, urgent when critical, and opens its account on click', () => {
    const { shown, opened } = presenter();
    shown.show([event]);
    const [notification] = Notification.shown;
    expect(notification!.options).toMatchObject({
      title: event.title,
      body: event.body,
      urgency: 'critical',
    });
    notification!.emit('click');
    expect(opened).toEqual(['idcf']);
  });

  it('falls back to the tray when the system cannot show notifications', () => {
    Notification.supported = false;
    const { shown, banners, lines } = presenter();
    shown.show([event]);
    expect(Notification.shown).toHaveLength(0);
    expect(banners).toEqual([`⚠ ${event.title}: ${event.body}`]);
    expect(lines.map((l) => l.message)).toContain(
      'notifications are not supported here; the alert is shown in the tray',
    );
  });

  it('shows a notice about the app itself, running its action on click', () => {
    const { shown, banners } = presenter();
    const clicked: string[] = [];
    shown.notice('History replaced', 'The old file was kept.', () => clicked.push('notice'));
    const [notification] = Notification.shown;
    expect(notification!.options).toEqual({
      title: 'History replaced',
      body: 'The old file was kept.',
    });
    notification!.emit('click');
    expect(clicked).toEqual(['notice']);
    expect(banners).toEqual([null]);
  });

  it('puts a notice in the tray when the system cannot show notifications', () => {
    Notification.supported = false;
    const { shown, banners } = presenter();
    shown.notice('History replaced', 'The old file was kept.', () => {});
    expect(Notification.shown).toHaveLength(0);
    expect(banners).toEqual(['⚠ History replaced: The old file was kept.']);
  });
});
