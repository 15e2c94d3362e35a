import { useEffect, useRef } from 'react';
import type { Preferences } from '../../../src-shared/domain/config.ts';
import { useI18n } from '../../i18n/i18n-context.tsx';
import { LANGUAGES } from '../../i18n/languages/index.ts';
import { useAnnounce } from '../../state/announcer.tsx';
import { useAppData } from '../../state/app-data.tsx';
import { useSettingsUpdate } from './use-settings-update.ts';

const THEMES: readonly Preferences['theme'][] = ['system', 'light', 'dark'];
const UNITS: readonly Preferences['units'][] = ['si', 'iec'];

/** Appearance, language, units and start at login: each applies as soon as it is chosen. */
export function PreferencesSection() {
  const { t, language } = useI18n();
  const { data } = useAppData();
  const update = useSettingsUpdate();
  const preferences = data.config.preferences;
  const set = (change: Partial<Preferences>) =>
    // A new language says "saved" once it shows (below), not in the language it replaces.
    void update({ preferences: change }, change.language ? undefined : t('settings.saved'));
  const announce = useAnnounce();
  const shown = useRef(language);
  useEffect(() => {
    if (shown.current === language) return;
    shown.current = language;
    announce(t('settings.saved'), 'ok');
  }, [language, announce, t]);
  return (
    <section className="panel" aria-labelledby="prefs-title">
      <div className="panel-header">
        <h2 id="prefs-title">{t('settings.appearance')}</h2>
      </div>
      <div className="settings-grid">
        <fieldset className="radio-group">
          <legend>{t('settings.theme')}</legend>
          {THEMES.map((theme) => (
            <label key={theme} className="check">
              <input
                type="radio"
                name="theme"
                value={theme}
                checked={preferences.theme === theme}
                onChange={() => set({ theme })}
              />
              <span>{t(`settings.theme.${theme}`)}</span>
            </label>
          ))}
        </fieldset>
        <fieldset className="radio-group">
          <legend>{t('settings.units')}</legend>
          {UNITS.map((units) => (
            <label key={units} className="check">
              <input
                type="radio"
                name="units"
                value={units}
                checked={preferences.units === units}
                onChange={() => set({ units })}
              />
              <span>{t(`settings.units.${units}`)}</span>
            </label>
          ))}
        </fieldset>
        <div className="field">
          <label htmlFor="language">{t('settings.language')}</label>
          <select
            id="language"
            value={preferences.language}
            onChange={(e) => set({ language: e.target.value as Preferences['language'] })}
          >
            <option value="system">{t('settings.language.system')}</option>
            {LANGUAGES.map((language) => (
              <option key={language.code} value={language.code} lang={language.code}>
                {language.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <span className="field-label">{t('settings.startup')}</span>
          <label className="check">
            <input
              type="checkbox"
              checked={preferences.startAtLogin}
              onChange={(e) => set({ startAtLogin: e.target.checked })}
            />
            <span>{t('settings.startAtLogin')}</span>
          </label>
          <label className="check">
            <input
              type="checkbox"
              checked={preferences.demo === 'auto'}
              onChange={(e) => set({ demo: e.target.checked ? 'auto' : 'off' })}
            />
            <span>{t('settings.demo')}</span>
          </label>
        </div>
      </div>
    </section>
  );
}
