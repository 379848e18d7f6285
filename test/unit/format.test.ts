/** Numbers and dates in each language; expected strings written by hand. */
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../src/i18n/locale';
import {
	formatCompact,
	formatCount,
	formatDateTime,
	formatDuration,
	formatMoney,
	formatPercent
} from '../../src/lib/format';

afterEach(() => setLocale('en'));

describe('formatting for the chosen language', () => {
	it('writes English with grouping, ISO dates and short units', () => {
		setLocale('en');
		expect(formatCount(1234567)).toBe('1,234,567');
		expect(formatMoney(1234567.5)).toBe('1,234,567.50');
		expect(formatPercent(0.425)).toBe('42.5%');
		expect(formatCompact(1_234_567)).toBe('1.23M');
		expect(formatDateTime(Date.UTC(2024, 2, 5))).toBe('2024-03-05');
		expect(formatDateTime(Date.UTC(2024, 2, 5, 14, 7, 9))).toBe('2024-03-05 14:07:09');
		expect(formatDuration(1234)).toBe('1.2 s');
		expect(formatDuration(340)).toBe('340 ms');
	});

	it('writes Chinese with 万 and 亿 for large amounts, and Chinese dates and units', () => {
		setLocale('zh');
		expect(formatCount(1234567)).toBe('1,234,567');
		expect(formatMoney(9999.5)).toBe('9,999.50');
		expect(formatMoney(1234567.5)).toBe('123.46万');
		expect(formatMoney(-3.2e8)).toBe('-3.2亿');
		expect(formatCompact(12345)).toBe('1.23万');
		expect(formatPercent(0.425)).toBe('42.5%');
		expect(formatDateTime(Date.UTC(2024, 2, 5))).toBe('2024/03/05');
		expect(formatDuration(1234)).toBe('1.2 秒');
	});
});
