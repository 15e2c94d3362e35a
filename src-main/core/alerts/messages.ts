import type { Instant } from '../../../src-shared/domain/primitives.ts';
import {
  fromBytes,
  formatMeterValue,
  isDataUnit,
  type UnitSystem,
} from '../../../src-shared/domain/units.ts';
import type { AlertFacts, UsageFacts } from './alert-schema.ts';

/**
 * The one place where alert text is written (English). Events carry their facts as data, so
 * an i18n layer can replace this module's output without touching the rules.
 */
export interface TextOptions {
  readonly units: UnitSystem;
}

const LOCALE = 'en';

/** An amount in the quota's own unit when it has one ("3,240 GB"), else the best unit. */
function amount(value: number, facts: UsageFacts, units: UnitSystem): string {
  const unit = facts.limitUnit;
  if (facts.unit === 'bytes' && unit !== null && isDataUnit(unit)) {
    const inUnit = fromBytes(value, unit);
    const digits = Math.abs(inUnit) >= 100 ? 0 : Math.abs(inUnit) >= 10 ? 1 : 2;
    return `${inUnit.toLocaleString(LOCALE, { maximumFractionDigits: digits })} ${unit}`;
  }
  return formatMeterValue(value, facts.unit, units, LOCALE);
}

/** Used percent, rounded down: "100 %" only once the quota is really reached. */
function usedPercent(percent: number): string {
  return `${Math.floor(percent).toLocaleString(LOCALE)} %`;
}

function projected(range: { low: number; high: number }): string {
  const low = Math.round(range.low);
  const high = Math.round(range.high);
  return low === high
    ? `${low.toLocaleString(LOCALE)} %`
    : `${low.toLocaleString(LOCALE)}–${high.toLocaleString(LOCALE)} %`;
}

function day(at: Instant, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { month: 'short', day: 'numeric', timeZone }).format(at);
}

function dayAndTime(at: Instant, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, {
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).format(at);
}

/** A provider's message as a sentence of its own. */
function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/** "Nov 30": the period's last day (its end is the next day's midnight). */
function lastDay(facts: UsageFacts): string {
  return day(facts.periodEnd - 1, facts.periodTimeZone);
}

/** "91 % of 3,240 GB used, projected 112 % by Nov 30" */
function usageLine(facts: UsageFacts, units: UnitSystem): string {
  const used = `${usedPercent(facts.percentUsed)} of ${amount(facts.limit, facts, units)} used`;
  return facts.projectedPercent
    ? `${used}, projected ${projected(facts.projectedPercent)} by ${lastDay(facts)}`
    : `${used} (${amount(facts.used, facts, units)}); the period ends ${lastDay(facts)}`;
}

export function alertText(
  accountLabel: string,
  facts: AlertFacts,
  options: TextOptions,
): { title: string; body: string } {
  const units = options.units;
  switch (facts.kind) {
    case 'threshold': {
      const subject = `${accountLabel} ${facts.meterLabel}`;
      if (facts.threshold === 'reached') {
        return {
          title: `${subject}: quota reached`,
          body: `${amount(facts.used, facts, units)} of ${amount(facts.limit, facts, units)} used (${usedPercent(facts.percentUsed)}); the period ends ${lastDay(facts)}.`,
        };
      }
      return {
        title: `${subject}: ${usedPercent(facts.percentUsed)} of quota used`,
        body: `${usageLine(facts, units)}.`,
      };
    }
    case 'forecast': {
      const runsOut =
        facts.runsOutAt === null
          ? ''
          : `; at the faster pace it runs out on ${day(facts.runsOutAt, facts.periodTimeZone)}`;
      return {
        title: `${accountLabel} ${facts.meterLabel}: projected over quota`,
        body: `${usageLine(facts, units)}${runsOut}.`,
      };
    }
    case 'credentials':
      return {
        title:
          facts.errorKind === 'permission'
            ? `${accountLabel}: the key lacks a permission`
            : `${accountLabel}: credentials rejected`,
        body: `${sentence(facts.message)} Update the credentials in the account's settings.`,
      };
    case 'stale': {
      const since = facts.lastSuccessAt ?? facts.failingSince;
      const never = facts.lastSuccessAt === null ? 'No successful read yet. ' : '';
      const latest =
        facts.message === null ? 'Reads keep failing.' : `Latest error: ${sentence(facts.message)}`;
      return {
        title: `${accountLabel}: no fresh data since ${dayAndTime(since, facts.timeZone)}`,
        body: `${never}${latest}`,
      };
    }
  }
}
