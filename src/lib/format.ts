/**
 * Numbers and dates for the page, in the chosen language (`Intl`). Chinese writes large numbers
 * in 万 and 亿 (formatCompact); dates are shown in UTC, as DuckDB stores them.
 */
import { INTL_TAG, locale, type Locale } from '../i18n/locale';
import { t } from '../i18n/t';

type Kind = 'integer' | 'money' | 'decimal' | 'percent' | 'compact' | 'date' | 'dateTime';

const OPTIONS: Record<Kind, Intl.NumberFormatOptions | Intl.DateTimeFormatOptions> = {
	integer: { maximumFractionDigits: 0 },
	money: { minimumFractionDigits: 2, maximumFractionDigits: 2 },
	decimal: { maximumFractionDigits: 4 },
	percent: { style: 'percent', maximumFractionDigits: 1 },
	compact: { notation: 'compact', maximumFractionDigits: 2 },
	date: { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'UTC' },
	dateTime: {
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
		hourCycle: 'h23',
		timeZone: 'UTC'
	}
};

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function numbers(kind: Kind, lang: Locale = locale()): Intl.NumberFormat {
	const key = `${lang}:${kind}`;
	let f = cache.get(key);
	if (!f)
		cache.set(
			key,
			(f = new Intl.NumberFormat(INTL_TAG[lang], OPTIONS[kind] as Intl.NumberFormatOptions))
		);
	return f as Intl.NumberFormat;
}
function dates(kind: 'date' | 'dateTime', lang: Locale = locale()): Intl.DateTimeFormat {
	const key = `${lang}:${kind}`;
	let f = cache.get(key);
	if (!f)
		cache.set(
			key,
			(f = new Intl.DateTimeFormat(INTL_TAG[lang], OPTIONS[kind] as Intl.DateTimeFormatOptions))
		);
	return f as Intl.DateTimeFormat;
}

/** 12,345 */
export function formatCount(n: number): string {
	return numbers('integer').format(n);
}

/**
 * 12,345.60, or 1.23万 in Chinese from ten thousand up, as totals are written there (the data's
 * currency is not known, so no symbol).
 */
export function formatMoney(n: number): string {
	const lang = locale();
	return lang === 'zh' && Math.abs(n) >= 10_000
		? formatCompact(n, lang)
		: numbers('money', lang).format(n);
}

/** 42.5% from 0.425 */
export function formatPercent(share: number): string {
	return numbers('percent').format(share);
}

/** 1.23M in English, 123.46万 in Chinese; below ten thousand, the plain number. */
export function formatCompact(n: number, lang: Locale = locale()): string {
	return Math.abs(n) < 10_000
		? numbers('decimal', lang).format(Math.round(n * 100) / 100)
		: numbers('compact', lang).format(n);
}

/** A table cell: numbers with up to 4 decimals, timestamps as dates, the rest as text. */
export function formatCell(value: unknown, isTime: boolean): string {
	if (value === null || value === undefined) return '';
	if (isTime) return formatDateTime(Number(value));
	if (typeof value === 'number')
		return Number.isInteger(value)
			? numbers('integer').format(value)
			: numbers('decimal').format(value);
	return String(value);
}

/**
 * 2024-03-05 in English (ISO: the unambiguous form analysts and DuckDB use), 2024/03/05 in
 * Chinese, with the time when it is not midnight (UTC, as DuckDB stores it).
 */
export function formatDateTime(ms: number): string {
	if (!Number.isFinite(ms)) return '';
	const midnight = ms % 86_400_000 === 0;
	const lang = locale();
	if (lang === 'en') {
		const iso = new Date(ms).toISOString();
		return midnight ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
	}
	return dates(midnight ? 'date' : 'dateTime', lang).format(ms);
}

/** 1.2 s, 340 ms */
export function formatDuration(ms: number): string {
	return ms >= 1000
		? t('app.seconds', { n: Math.round(ms / 100) / 10 })
		: t('app.milliseconds', { n: Math.round(ms) });
}

/** 41.2 MB */
export function formatBytes(bytes: number): string {
	const one = (n: number) => numbers('decimal').format(Math.round(n * 10) / 10);
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 ** 2) return `${one(bytes / 1024)} KB`;
	if (bytes < 1024 ** 3) return `${one(bytes / 1024 ** 2)} MB`;
	return `${numbers('decimal').format(Math.round((bytes / 1024 ** 3) * 100) / 100)} GB`;
}
