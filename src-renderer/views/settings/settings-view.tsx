import { useI18n } from '../../i18n/i18n-context.tsx';
import { AccountAlertsSection } from './account-alerts-section.tsx';
import { GlobalAlertsSection } from './global-alerts-section.tsx';
import { NotificationsSection } from './notifications-section.tsx';
import { PreferencesSection } from './preferences-section.tsx';

export function SettingsView(props: { readonly accountId?: string | undefined }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="view-title" className="settings-view">
      <div className="view-header">
        <h1 id="view-title" tabIndex={-1}>
          {t('settings.title')}
        </h1>
      </div>
      <PreferencesSection />
      <GlobalAlertsSection />
      <AccountAlertsSection accountId={props.accountId} />
      <NotificationsSection />
    </section>
  );
}
