/** Number formatting for the report tables: fixed, locale-independent output. */

/** 1234567 → "1,234,567". */
export function formatCount(n: number): string {
  const s = String(Math.round(Math.abs(n)));
  const grouped = s.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `-${grouped}` : grouped;
}

/** Bytes → "94.0 MB" (decimal units, like file sizes in most tools). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB', 'TB'];
  let v = bytes;
  let u = -1;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${v.toFixed(1)} ${units[u]}`;
}

/** Bytes → mebibytes with no decimals, for peak RSS columns. */
export function formatMiB(bytes: number | undefined): string {
  return bytes === undefined ? 'n/a' : formatCount(bytes / 1048576);
}

/** Milliseconds → "12,345". */
export function formatMs(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : formatCount(ms);
}

/** Milliseconds → seconds with two decimals. */
export function formatSeconds(ms: number | undefined): string {
  return ms === undefined ? 'n/a' : (ms / 1000).toFixed(2);
}

/** A ratio → "0.42×", with more digits for small ones. */
export function formatRatio(r: number | undefined): string {
  if (r === undefined || !Number.isFinite(r)) return 'n/a';
  return `${r >= 10 ? r.toFixed(1) : r >= 0.1 ? r.toFixed(2) : r.toPrecision(2)}×`;
}
