import { useEffect, useRef, useState } from 'react';
import { asBridgeError, request } from './bridge.ts';
import { ChartThemeContext } from './charts/chart-canvas.tsx';
import { useErrorWords } from './components/error-words.ts';
import { ExportMenu } from './components/export-menu.tsx';
import { I18nProvider, useI18n } from './i18n/i18n-context.tsx';
import { AnnouncerProvider, useAnnounce } from './state/announcer.tsx';
import { AppDataProvider, useAppData, useAppDataLoader } from './state/app-data.tsx';
import { routeHash, sectionOf, type Route } from './state/route.ts';
import { useAppliedTheme } from './state/theme.ts';
import { useRoute } from './state/use-route.ts';
import { AccountView } from './views/account/account-view.tsx';
import { AccountFormView } from './views/accounts/account-form-view.tsx';
import { AccountsView } from './views/accounts/accounts-view.tsx';
import { HeadroomView } from './views/headroom/headroom-view.tsx';
import { OverviewView } from './views/overview/overview-view.tsx';
import { SettingsView } from './views/settings/settings-view.tsx';

export function App() {
  const load = useAppDataLoader();
  if (load.state === 'loading') return <Splash text="Cloudmeter…" />;
  if (load.state === 'failed') return <Splash text={load.error.message} failed />;
  return (
    <AppDataProvider value={load.value}>
      <Localized />
    </AppDataProvider>
  );
}

function Splash(props: { readonly text: string; readonly failed?: boolean }) {
  useAppliedTheme('system');
  return (
    <main className="splash" role={props.failed ? 'alert' : 'status'}>
      <p>{props.text}</p>
    </main>
  );
}

function Localized() {
  const { data } = useAppData();
  const theme = useAppliedTheme(data.config.preferences.theme);
  return (
    <I18nProvider preferences={data.config.preferences} osLocales={data.info.locales}>
      <ChartThemeContext value={theme}>
        <AnnouncerProvider>
          <Shell />
        </AnnouncerProvider>
      </ChartThemeContext>
    </I18nProvider>
  );
}

const SECTIONS = [
  { section: 'overview', route: { view: 'overview' } },
  { section: 'headroom', route: { view: 'headroom' } },
  { section: 'accounts', route: { view: 'accounts' } },
  { section: 'settings', route: { view: 'settings' } },
] as const satisfies readonly { section: string; route: Route }[];

function Shell() {
  const { t } = useI18n();
  const { data } = useAppData();
  const route = useRoute();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const main = useRef<HTMLElement>(null);
  const [refreshing, setRefreshing] = useState(false);
  const current = sectionOf(route);
  const routeKey = routeHash(route);

  // A new view takes the focus to its heading, so that screen readers announce where they are.
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const heading = main.current?.querySelector<HTMLElement>('h1');
    (heading ?? main.current)?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [routeKey]);

  const refreshAll = async () => {
    setRefreshing(true);
    try {
      await request('usage:refresh');
      announce(t('actions.refreshed'), 'ok');
    } catch (error) {
      announce(errorWords(asBridgeError(error)), 'error');
    } finally {
      setRefreshing(false);
    }
  };

  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(e) => {
          e.preventDefault();
          main.current?.focus();
        }}
      >
        {t('nav.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true" />
          <span>Cloudmeter</span>
        </div>
        <nav aria-label={t('nav.label')}>
          <ul>
            {SECTIONS.map((item) => (
              <li key={item.section}>
                <a
                  href={routeHash(item.route)}
                  aria-current={current === item.section ? 'page' : undefined}
                >
                  {t(`nav.${item.section}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div className="header-actions">
          <ExportMenu />
          <button
            type="button"
            className="small"
            disabled={refreshing}
            onClick={() => void refreshAll()}
          >
            {refreshing ? t('actions.refreshing') : t('actions.refreshAll')}
          </button>
        </div>
      </header>
      {data.usage.notificationsPausedUntil !== null && (
        <PausedBanner until={data.usage.notificationsPausedUntil} />
      )}
      <main id="main" ref={main} tabIndex={-1}>
        <View route={route} />
      </main>
    </>
  );
}

function PausedBanner(props: { readonly until: number }) {
  const { t, fmt } = useI18n();
  return (
    <p className="banner tone-info">
      {t('notifications.pausedUntil', { time: fmt.dateTime(props.until) })}{' '}
      <a href={routeHash({ view: 'settings' })}>{t('nav.settings')}</a>
    </p>
  );
}

function View(props: { readonly route: Route }) {
  const { route } = props;
  switch (route.view) {
    case 'overview':
      return <OverviewView />;
    case 'account':
      return <AccountView accountId={route.accountId} />;
    case 'headroom':
      return <HeadroomView />;
    case 'accounts':
      return <AccountsView />;
    case 'account-form':
      return <AccountFormView accountId={route.accountId} />;
    case 'settings':
      return <SettingsView accountId={route.accountId} />;
  }
}
