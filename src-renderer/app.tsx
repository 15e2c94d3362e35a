import { useEffect, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { asBridgeError, request, type BridgeError } from './bridge.ts';
import { ChartThemeContext } from './charts/chart-canvas.tsx';
import { errorText, useErrorWords } from './components/error-words.ts';
import { ExportMenu } from './components/export-menu.tsx';
import { localizeDescriptor } from './i18n/descriptor-words.ts';
import { bootWords, I18nProvider, useI18n } from './i18n/i18n-context.tsx';
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
  if (load.state === 'loading') return <Splash failure={null} />;
  if (load.state === 'failed') return <Splash failure={load.error} />;
  return (
    <AppDataProvider value={load.value}>
      <Localized />
    </AppDataProvider>
  );
}

/** While the window opens, or why it could not: in the OS's language, the config not being read. */
function Splash(props: { readonly failure: BridgeError | null }) {
  useAppliedTheme('system');
  const words = useMemo(() => bootWords(), []);
  useLayoutEffect(() => {
    document.documentElement.lang = words.language;
  }, [words]);
  const { failure } = props;
  return (
    <main className="splash" role={failure ? 'alert' : 'status'}>
      <p>{failure ? errorText(words.t, failure) : words.t('splash.loading')}</p>
    </main>
  );
}

function Localized() {
  const { data } = useAppData();
  const theme = useAppliedTheme(data.config.preferences.theme);
  return (
    <I18nProvider preferences={data.config.preferences} osLocales={data.info.locales}>
      <LocalizedDescriptors>
        <ChartThemeContext value={theme}>
          <AnnouncerProvider>
            <Shell />
          </AnnouncerProvider>
        </ChartThemeContext>
      </LocalizedDescriptors>
    </I18nProvider>
  );
}

/** The app's data with every provider descriptor in the window's language, for all views. */
function LocalizedDescriptors(props: { readonly children: ReactNode }) {
  const app = useAppData();
  const { language } = useI18n();
  const { providers } = app.data;
  const localized = useMemo(
    () => providers.map((descriptor) => localizeDescriptor(descriptor, language)),
    [providers, language],
  );
  const value = useMemo(
    () => ({ ...app, data: { ...app.data, providers: localized } }),
    [app, localized],
  );
  return <AppDataProvider value={value}>{props.children}</AppDataProvider>;
}

const SECTIONS = [
  { section: 'overview', route: { view: 'overview' } },
  { section: 'headroom', route: { view: 'headroom' } },
  { section: 'accounts', route: { view: 'accounts' } },
  { section: 'settings', route: { view: 'settings' } },
] as const satisfies readonly { section: string; route: Route }[];

function Shell() {
  const { t, fmt } = useI18n();
  const { data } = useAppData();
  const route = useRoute();
  const announce = useAnnounce();
  const errorWords = useErrorWords();
  const main = useRef<HTMLElement>(null);
  const header = useRef<HTMLElement>(null);
  const [refreshing, setRefreshing] = useState(false);
  const current = sectionOf(route);
  const routeKey = routeHash(route);

  // The header is sticky: --header-height tells the page how much of the top it covers, so that
  // scrolling to a section or a focused field stops below it (base.css, scroll-padding-top).
  useLayoutEffect(() => {
    const element = header.current;
    if (!element) return;
    const root = document.documentElement;
    const observer = new ResizeObserver(() =>
      root.style.setProperty('--header-height', `${element.offsetHeight}px`),
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, []);

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
      const { deferred } = await request('usage:refresh');
      const last = Math.max(...deferred.map((d) => d.at));
      announce(
        deferred.length === 0
          ? t('actions.refreshed')
          : t('actions.refreshedExcept', { count: deferred.length, time: fmt.dateTime(last) }),
        'ok',
      );
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
      <header className="app-header" ref={header}>
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
