/** Number and date formatting for the page (the locale follows the browser). */

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const money = new Intl.NumberFormat(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 4 });

/** 12,345 */
export function formatCount(n: number): string {
	return integer.format(n);
}

/** 12,345.60 */
export function formatMoney(n: number): string {
	return money.format(n);
}

/** A table cell: numbers with up to 4 decimals, timestamps as ISO, the rest as text. */
export function formatCell(value: unknown, isTime: boolean): string {
	if (value === null || value === undefined) return '';
	if (isTime) return formatDateTime(Number(value));
	if (typeof value === 'number') return Number.isInteger(value) ? integer.format(value) : decimal.format(value);
	return String(value);
}

/** yyyy-mm-dd, or yyyy-mm-dd hh:mm:ss when the time is not midnight (UTC, as DuckDB stores it). */
export function formatDateTime(ms: number): string {
	if (!Number.isFinite(ms)) return '';
	const iso = new Date(ms).toISOString();
	return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** 1.2 s, 340 ms */
export function formatDuration(ms: number): string {
	return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

/** 41.2 MB */
export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(1)} KB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(2)} GB`;
}
