/**
 * What vega-embed needs to draw a chart in a language besides the spec: d3's number and time
 * locales (for formats written in specs, like '.0%', and for time axes), the app's number
 * format for everything else (万 and 亿 in Chinese), the menu's labels and the download name.
 * Vega's locale and expression functions are global, so every embed passes the current ones.
 */
import type { EmbedOptions } from 'vega-embed';
import { NUMBER_FORMAT_TYPE } from '../../analyses/chart-types';
import type { MessageKey } from '../../i18n/catalogue';
import { INTL_TAG, type Locale } from '../../i18n/locale';
import { translate } from '../../i18n/t';
import { formatCompact } from '../../lib/format';

const NUMBER_LOCALES: Record<Locale, Record<string, unknown>> = {
	en: { decimal: '.', thousands: ',', grouping: [3], currency: ['$', ''] },
	zh: { decimal: '.', thousands: ',', grouping: [3], currency: ['¥', ''] }
};

const TIME_FORMATS: Record<Locale, { dateTime: string; date: string; time: string }> = {
	en: { dateTime: '%x, %X', date: '%-m/%-d/%Y', time: '%-I:%M:%S %p' },
	zh: { dateTime: '%x %A %X', date: '%Y/%-m/%-d', time: '%H:%M:%S' }
};

/** d3's time locale: the formats above, day and month names from the catalogue. */
function timeLocale(lang: Locale): Record<string, unknown> {
	const names = (key: MessageKey) => translate(lang, key).split(',');
	return {
		...TIME_FORMATS[lang],
		periods: names('chart.locale_periods'),
		days: names('chart.locale_days'),
		shortDays: names('chart.locale_short_days'),
		months: names('chart.locale_months'),
		shortMonths: names('chart.locale_short_months')
	};
}

const formats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Locale, small: boolean): Intl.NumberFormat {
	const key = `${lang}:${small}`;
	let f = formats.get(key);
	if (!f) {
		// Below 1, significant digits keep ticks like 0.005 apart; above, two decimals at most.
		const options: Intl.NumberFormatOptions = small
			? { maximumSignificantDigits: 3 }
			: { maximumFractionDigits: 2 };
		formats.set(key, (f = new Intl.NumberFormat(INTL_TAG[lang], options)));
	}
	return f;
}

/** A number on an axis, legend or tooltip: 1.2万 in Chinese, 12,000 in English. */
export function chartNumber(value: unknown, lang: Locale): string {
	if (value === null || value === undefined) return '';
	if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
	if (lang === 'zh' && Math.abs(value) >= 10_000) return formatCompact(value, lang);
	return numberFormat(lang, Math.abs(value) < 1).format(value);
}

/** A file name from a chart's title, in any script: "客户分群-收入占比". */
function downloadName(label: string): string {
	return (
		label
			.toLowerCase()
			.replace(/[^\p{L}\p{N}]+/gu, '-')
			.replace(/^-+|-+$/g, '')
			.slice(0, 80) || 'chart'
	);
}

/**
 * The dark theme's chart colours, matching the page's tokens in app.css (Vega draws into SVG
 * attributes, which cannot read CSS variables).
 */
const DARK = {
	background: 'transparent',
	axis: {
		labelColor: '#a7afbd',
		titleColor: '#e6e9ef',
		gridColor: '#343b48',
		domainColor: '#5b6475',
		tickColor: '#5b6475'
	},
	legend: { labelColor: '#a7afbd', titleColor: '#e6e9ef' },
	header: { labelColor: '#a7afbd', titleColor: '#e6e9ef' },
	title: { color: '#e6e9ef', subtitleColor: '#a7afbd' },
	text: { color: '#e6e9ef' }
};

/** The options that make a chart speak `lang`, in the light or the dark theme. */
export function embedOptions(lang: Locale, label: string, dark = false): EmbedOptions {
	return {
		...(dark ? { config: DARK, tooltip: { theme: 'dark' } } : {}),
		formatLocale: NUMBER_LOCALES[lang],
		timeFormatLocale: timeLocale(lang),
		expressionFunctions: { [NUMBER_FORMAT_TYPE]: (value: unknown) => chartNumber(value, lang) },
		i18n: {
			CLICK_TO_VIEW_ACTIONS: translate(lang, 'chart.menu'),
			PNG_ACTION: translate(lang, 'chart.save_png'),
			SVG_ACTION: translate(lang, 'chart.save_svg')
		},
		downloadFileName: downloadName(label)
	};
}
