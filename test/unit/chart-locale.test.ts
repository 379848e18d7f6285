/**
 * Charts in the page's language: under the CSP, Vega interprets expressions (vega-interpreter)
 * and calls the number format the chart component registers, so a quantitative axis reads 1.2万
 * in Chinese and 12,000 in English; d3 formats written in specs and time axes get the locale.
 * Renders to SVG the way vega-embed does: the options set Vega's global locale and functions.
 */
import { describe, expect, it } from 'vitest';
import { compile, type TopLevelSpec } from 'vega-lite';
import * as vega from 'vega';
import { expressionInterpreter } from 'vega-interpreter';
import type { Locale } from '../../src/i18n/locale';
import { BASE } from '../../src/analyses/chart-types';
import { chartNumber, embedOptions } from '../../src/ui/charts/embed-options';

/** The texts of a chart drawn in `lang`. */
async function texts(spec: TopLevelSpec, lang: Locale): Promise<string[]> {
	const options = embedOptions(lang, 'chart');
	vega.formatLocale(options.formatLocale as never);
	vega.timeFormatLocale(options.timeFormatLocale as never);
	for (const [name, fn] of Object.entries(options.expressionFunctions ?? {}))
		vega.expressionFunction(name, fn);
	const runtime = vega.parse(compile(spec).spec, undefined, { ast: true });
	const svg = await new vega.View(runtime, {
		renderer: 'none',
		expr: expressionInterpreter
	}).toSVG();
	return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

const REVENUE: TopLevelSpec = {
	...BASE,
	width: 300,
	data: {
		values: [
			{ month: Date.UTC(2024, 0, 1), revenue: 12_000, share: 0.25 },
			{ month: Date.UTC(2024, 2, 1), revenue: 48_000, share: 0.75 }
		]
	},
	mark: 'bar',
	encoding: {
		x: { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth' },
		y: { field: 'revenue', type: 'quantitative' },
		color: { field: 'share', type: 'quantitative', legend: { format: '.0%' } }
	}
} as TopLevelSpec;

describe('numbers on charts', () => {
	it('writes 万 and 亿 in Chinese and groups thousands in English', () => {
		expect(chartNumber(12_000, 'zh')).toBe('1.2万');
		expect(chartNumber(-250_000_000, 'zh')).toBe('-2.5亿');
		expect(chartNumber(9_500, 'zh')).toBe('9,500');
		expect(chartNumber(12_000, 'en')).toBe('12,000');
		expect(chartNumber(1_234_567.891, 'en')).toBe('1,234,567.89');
		expect(chartNumber(0.30000000000000004, 'en')).toBe('0.3');
		expect(chartNumber(0.00125, 'zh')).toBe('0.00125');
		expect(chartNumber(null, 'en')).toBe('');
	});

	it('draws an axis in 万 and Chinese months, and in grouped numbers and English months', async () => {
		const zh = await texts(REVENUE, 'zh');
		expect(zh).toContain('4万');
		expect(zh.some((t) => /[一二三]月/.test(t))).toBe(true);
		expect(zh).toContain('30%');
		const en = await texts(REVENUE, 'en');
		expect(en).toContain('40,000');
		expect(en.some((t) => /^(January|February|March|Jan|Feb|Mar)/.test(t))).toBe(true);
		expect(en).toContain('70%');
	});
});

describe('the download name of a chart', () => {
	it('keeps the letters of any script', () => {
		expect(embedOptions('zh', '各分群的客户数与收入占比').downloadFileName).toBe(
			'各分群的客户数与收入占比'
		);
		expect(embedOptions('en', 'Segments: customers and share of revenue').downloadFileName).toBe(
			'segments-customers-and-share-of-revenue'
		);
		expect(embedOptions('en', '×÷').downloadFileName).toBe('chart');
	});
});
