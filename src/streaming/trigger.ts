/**
 * Triggers, written like PySpark's keyword arguments:
 *   .trigger({ processingTime: '2 seconds' }) | { once: true } | { availableNow: true } | { continuous: '1 second' }
 * and the default (next batch as soon as the previous one ends, polling for data when idle).
 */
import { SluiceError } from '../util/errors.js';

export type Trigger =
  | { readonly kind: 'default' }
  | { readonly kind: 'processingTime'; readonly intervalMs: number }
  | { readonly kind: 'once' }
  | { readonly kind: 'availableNow' }
  | { readonly kind: 'continuous'; readonly intervalMs: number };

export interface TriggerOptions {
  readonly processingTime?: string | number;
  readonly once?: boolean;
  readonly availableNow?: boolean;
  readonly continuous?: string | number;
}

const UNITS: Record<string, number> = {
  ms: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
};

/** Parses an interval like '2 seconds', '500 milliseconds', '1 minute', 'interval 10 seconds' or a number of ms. */
export function parseDuration(v: string | number, what = 'interval'): number {
  if (typeof v === 'number') return v;
  const text = v
    .trim()
    .toLowerCase()
    .replace(/^interval\s+/, '');
  let total = 0;
  const re = /(-?\d+(?:\.\d+)?)\s*([a-z]+)/g;
  let m: RegExpExecArray | null;
  let matched = '';
  while ((m = re.exec(text))) {
    const unit = UNITS[m[2]!];
    if (unit === undefined) break;
    total += Number(m[1]) * unit;
    matched += m[0];
  }
  if (!matched || matched.replace(/\s/g, '') !== text.replace(/\s/g, '')) {
    throw new SluiceError(
      'INVALID_INTERVAL_FORMAT',
      `Error parsing '${v}' to ${what}: use a value like '10 seconds' or '500 milliseconds'.`,
    );
  }
  return Math.round(total);
}

export function parseTrigger(t: TriggerOptions): Trigger {
  const set = Object.entries(t).filter(([, v]) => v !== undefined && v !== false);
  if (set.length !== 1) {
    // PySpark's error; Sluice's trigger() takes one of processingTime, once, availableNow, continuous
    throw new SluiceError('ONLY_ALLOW_SINGLE_TRIGGER', 'Only a single trigger is allowed.');
  }
  if (t.processingTime !== undefined) {
    const ms = parseDuration(t.processingTime, 'processingTime');
    if (ms < 0) throw new SluiceError('INVALID_TRIGGER', 'The processingTime interval must be non-negative.');
    return ms === 0 ? { kind: 'default' } : { kind: 'processingTime', intervalMs: ms };
  }
  if (t.once) return { kind: 'once' };
  if (t.availableNow) return { kind: 'availableNow' };
  const ms = parseDuration(t.continuous!, 'continuous');
  if (ms < 0)
    throw new SluiceError('INVALID_TRIGGER', 'The continuous checkpoint interval must be non-negative.');
  // an epoch per millisecond at most: a zero interval commits as often as it can
  return { kind: 'continuous', intervalMs: Math.max(1, ms) };
}
