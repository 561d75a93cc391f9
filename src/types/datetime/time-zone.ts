/**
 * Time-zone offsets for the session time zone and for zones named inside timestamps.
 *
 * Accepts what Spark accepts (Java's `ZoneId.of` plus Spark's tweaks): IANA region ids
 * (`America/Los_Angeles`, case-sensitive like Java), `UTC`/`GMT`/`UT`/`Z`, offsets (`+08:00`,
 * `-8`, `+0530`, `+01:30:45`, Spark's `+1:00` form), prefixed offsets (`UTC+3`, `GMT+01:00`) and
 * Java's old three-letter ids (`PST`, `EST`, …).
 *
 * Invariants: region offsets come from Intl (ICU's tz database) and are cached per zone and UTC
 * hour; a cached hour remembers a transition inside it, so answers are exact to the second.
 * Local→UTC follows Java's `LocalDateTime.atZone`: a local time in a DST gap moves forward by the
 * gap, an ambiguous one takes the earlier (pre-transition) offset.
 */
import { daysFromCivil, MICROS_PER_HOUR, MICROS_PER_SECOND } from './calendar.js';
import { addMicros, type Micros, microsToMillis, subtractMicros } from './micros.js';

export type ZoneRule =
  | { readonly kind: 'fixed'; readonly id: string; readonly offsetMicros: number }
  | { readonly kind: 'region'; readonly id: string };

/** Java's `ZoneId.SHORT_IDS`, which Spark passes to `ZoneId.of`. */
const SHORT_IDS: Readonly<Record<string, string>> = {
  ACT: 'Australia/Darwin',
  AET: 'Australia/Sydney',
  AGT: 'America/Argentina/Buenos_Aires',
  ART: 'Africa/Cairo',
  AST: 'America/Anchorage',
  BET: 'America/Sao_Paulo',
  BST: 'Asia/Dhaka',
  CAT: 'Africa/Harare',
  CNT: 'America/St_Johns',
  CST: 'America/Chicago',
  CTT: 'Asia/Shanghai',
  EAT: 'Africa/Addis_Ababa',
  ECT: 'Europe/Paris',
  IET: 'America/Indiana/Indianapolis',
  IST: 'Asia/Kolkata',
  JST: 'Asia/Tokyo',
  MIT: 'Pacific/Apia',
  NET: 'Asia/Yerevan',
  NST: 'Pacific/Auckland',
  PLT: 'Asia/Karachi',
  PNT: 'America/Phoenix',
  PRT: 'America/Puerto_Rico',
  PST: 'America/Los_Angeles',
  SST: 'Pacific/Guadalcanal',
  VST: 'Asia/Ho_Chi_Minh',
  EST: '-05:00',
  MST: '-07:00',
  HST: '-10:00',
};

const MAX_OFFSET_SECONDS = 18 * 3600;

/** Java `ZoneOffset.of` text (after a sign): `h`, `hh`, `hh:mm`, `hhmm`, `hh:mm:ss`, `hhmmss`. */
function parseOffsetBody(sign: number, body: string): number | null {
  let h: number;
  let m = 0;
  let s = 0;
  const two = (i: number) => {
    const a = body.charCodeAt(i) - 48;
    const b = body.charCodeAt(i + 1) - 48;
    return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
  };
  switch (body.length) {
    case 1: {
      h = body.charCodeAt(0) - 48;
      if (h < 0 || h > 9) return null;
      break;
    }
    case 2:
      h = two(0);
      break;
    case 4:
      h = two(0);
      m = two(2);
      break;
    case 5:
      if (body[2] !== ':') return null;
      h = two(0);
      m = two(3);
      break;
    case 6:
      h = two(0);
      m = two(2);
      s = two(4);
      break;
    case 8:
      if (body[2] !== ':' || body[5] !== ':') return null;
      h = two(0);
      m = two(3);
      s = two(6);
      break;
    default:
      return null;
  }
  if (h < 0 || m < 0 || s < 0 || m > 59 || s > 59) return null;
  const total = h * 3600 + m * 60 + s;
  if (total > MAX_OFFSET_SECONDS) return null;
  return sign * total * MICROS_PER_SECOND;
}

/** `+08:00` → µs, or null. */
export function parseOffset(text: string): number | null {
  if (text === 'Z') return 0;
  const c = text[0];
  if (c !== '+' && c !== '-') return null;
  return parseOffsetBody(c === '-' ? -1 : 1, text.slice(1));
}

const regionValidity = new Map<string, string | null>();

function canonicalRegion(id: string): string | null {
  let v = regionValidity.get(id);
  if (v === undefined) {
    try {
      const resolved = new Intl.DateTimeFormat('en-US', { timeZone: id }).resolvedOptions().timeZone;
      // Java's region ids are case-sensitive; Intl is not.
      v = resolved !== id && resolved.toLowerCase() === id.toLowerCase() ? null : id;
    } catch {
      v = null;
    }
    regionValidity.set(id, v);
  }
  return v;
}

const zoneCache = new Map<string, ZoneRule | null>();

/** Parses a zone id as Spark does (`DateTimeUtils.getZoneId`); null when Java would reject it. */
export function parseZoneId(text: string): ZoneRule | null {
  let r = zoneCache.get(text);
  if (r === undefined) {
    r = parseZoneUncached(text);
    if (zoneCache.size > 10_000) zoneCache.clear();
    zoneCache.set(text, r);
  }
  return r;
}

function parseZoneUncached(raw: string): ZoneRule | null {
  // Spark's normalisation: `+1:00` → `+01:00`, `+01:0` → `+01:00`.
  const text = raw.replace(/([+-])(\d):/, '$10$2:').replace(/([+-]\d\d):(\d)$/, '$1:0$2');
  if (text === 'Z' || text === 'UTC' || text === 'GMT' || text === 'UT') {
    return { kind: 'fixed', id: text, offsetMicros: 0 };
  }
  if (text[0] === '+' || text[0] === '-') {
    const off = parseOffset(text);
    return off === null ? null : { kind: 'fixed', id: text, offsetMicros: off };
  }
  for (const prefix of ['UTC', 'GMT', 'UT']) {
    if (text.startsWith(prefix) && (text[prefix.length] === '+' || text[prefix.length] === '-')) {
      const off = parseOffset(text.slice(prefix.length));
      return off === null ? null : { kind: 'fixed', id: text, offsetMicros: off };
    }
  }
  const short = SHORT_IDS[text];
  if (short !== undefined) return parseZoneUncached(short);
  if (!/^[A-Za-z][A-Za-z0-9~/._+-]+$/.test(text)) return null;
  const id = canonicalRegion(text);
  return id === null ? null : { kind: 'region', id };
}

function requireZone(timeZone: string): ZoneRule {
  const z = parseZoneId(timeZone);
  if (!z) throw new RangeError(`Invalid time zone id: ${timeZone}`);
  return z;
}

// ---------------------------------------------------------------------------------------------
// Region offsets via Intl, cached per UTC hour.

interface HourEntry {
  /** Offset (µs) at the start of the hour. */
  readonly start: number;
  /** Offset after the transition inside this hour (same as start when none). */
  readonly end: number;
  /** UTC ms of the transition inside the hour, or +Infinity. */
  readonly transitionMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const hourCaches = new Map<string, Map<number, HourEntry>>();
const MS_PER_HOUR = 3_600_000;
/** Before this instant every zone is on local mean time: reuse that offset (as Java does). */
const EARLIEST_MS = Date.UTC(1800, 0, 1);
/** Intl cannot format beyond ±8.64e15 ms; ICU extrapolates DST rules up to there. */
const LATEST_MS = 8.64e15 - MS_PER_HOUR;

function formatterFor(id: string): Intl.DateTimeFormat {
  let f = formatters.get(id);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: id,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(id, f);
  }
  return f;
}

/** Offset in ms of zone `id` at UTC instant `ms` (whole seconds), straight from Intl. */
function intlOffsetMs(id: string, ms: number): number {
  const t = Math.floor(ms / 1000) * 1000;
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let bc = false;
  for (const p of formatterFor(id).formatToParts(t)) {
    switch (p.type) {
      case 'year':
        year = Number(p.value);
        break;
      case 'month':
        month = Number(p.value);
        break;
      case 'day':
        day = Number(p.value);
        break;
      case 'hour':
        hour = Number(p.value);
        break;
      case 'minute':
        minute = Number(p.value);
        break;
      case 'second':
        second = Number(p.value);
        break;
      case 'era':
        bc = p.value.startsWith('B');
        break;
    }
  }
  if (bc) year = 1 - year;
  const localMs =
    daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
  return localMs - t;
}

function hourEntry(id: string, hourIndex: number): HourEntry {
  let cache = hourCaches.get(id);
  if (!cache) {
    cache = new Map();
    hourCaches.set(id, cache);
  }
  let e = cache.get(hourIndex);
  if (!e) {
    const startMs = hourIndex * MS_PER_HOUR;
    const start = intlOffsetMs(id, startMs);
    const end = intlOffsetMs(id, startMs + MS_PER_HOUR - 1000);
    let transitionMs = Number.POSITIVE_INFINITY;
    if (start !== end) {
      // Find the first second carrying the new offset.
      let lo = startMs;
      let hi = startMs + MS_PER_HOUR - 1000;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (intlOffsetMs(id, mid) === start) lo = mid;
        else hi = mid;
      }
      transitionMs = hi;
    }
    e = { start: start * 1000, end: end * 1000, transitionMs };
    if (cache.size > 500_000) cache.clear();
    cache.set(hourIndex, e);
  }
  return e;
}

function regionOffsetMicros(id: string, utcMicros: Micros): number {
  let ms = microsToMillis(utcMicros);
  if (ms < EARLIEST_MS) ms = EARLIEST_MS;
  else if (ms > LATEST_MS) ms = LATEST_MS;
  const e = hourEntry(id, Math.floor(ms / MS_PER_HOUR));
  return ms >= e.transitionMs ? e.end : e.start;
}

/** How far around a local time to look for an offset transition. */
const TRANSITION_WINDOW = 36 * MICROS_PER_HOUR;

/** Offset (µs) of the zone from UTC at the given UTC instant. */
export function zoneOffsetMicros(utcMicros: Micros, timeZone: string): number {
  const z = requireZone(timeZone);
  return z.kind === 'fixed' ? z.offsetMicros : regionOffsetMicros(z.id, utcMicros);
}

/** Same as `zoneOffsetMicros` for an already parsed zone (hot loops parse once). */
export function ruleOffsetMicros(utcMicros: Micros, zone: ZoneRule): number {
  return zone.kind === 'fixed' ? zone.offsetMicros : regionOffsetMicros(zone.id, utcMicros);
}

/** The wall-clock time (µs since the local epoch) of a UTC instant in the zone. */
export function ruleUtcToLocal(utcMicros: Micros, zone: ZoneRule): Micros {
  return addMicros(utcMicros, ruleOffsetMicros(utcMicros, zone));
}

/** UTC µs of a local wall-clock time in the zone (Java's `atZone` gap/overlap resolution). */
export function ruleLocalToUtc(localMicros: Micros, zone: ZoneRule): Micros {
  if (zone.kind === 'fixed') return subtractMicros(localMicros, zone.offsetMicros);
  return subtractMicros(localMicros, localOffset(zone.id, localMicros));
}

/** The offset Java's `LocalDateTime.atZone` picks for a local time in a region zone. */
function localOffset(id: string, localMicros: Micros): number {
  const before = regionOffsetMicros(id, subtractMicros(localMicros, TRANSITION_WINDOW));
  const after = regionOffsetMicros(id, addMicros(localMicros, TRANSITION_WINDOW));
  const withBefore = regionOffsetMicros(id, subtractMicros(localMicros, before));
  // No transition around: the offset in force (a transition pair within the window is rare).
  if (before === after) return withBefore;
  if (withBefore === before) return before;
  if (regionOffsetMicros(id, subtractMicros(localMicros, after)) === after) return after;
  // In the gap: keep the pre-transition offset, which moves the time forward by the gap.
  return before;
}

/** UTC µs of a local wall-clock time in `timeZone`. */
export function localToUtcMicros(localMicros: Micros, timeZone: string): Micros {
  return ruleLocalToUtc(localMicros, requireZone(timeZone));
}

/** The zone's offset as Java prints it in `ZoneOffset.getId` (`Z`, `+05:30`, `-07:52:58`). */
export function formatOffsetId(offsetMicros: number): string {
  if (offsetMicros === 0) return 'Z';
  const total = Math.round(Math.abs(offsetMicros) / MICROS_PER_SECOND);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${offsetMicros < 0 ? '-' : '+'}${p2(h)}:${p2(m)}${s ? `:${p2(s)}` : ''}`;
}
