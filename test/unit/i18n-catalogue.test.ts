/**
 * The two catalogues stay in step: a key in one language and not the other, a placeholder that
 * differs, or an empty message fails here. Area by area, so the failure names the file.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { translate } from '../../src/i18n/t';

const AREAS = readdirSync(new URL('../../src/i18n/en/', import.meta.url)).map((f) =>
	f.replace(/\.ts$/, '')
);

function placeholders(text: string): string[] {
	return [...new Set([...text.matchAll(/\{(\w+)(?:\|[^}]*)?\}/g)].map((m) => m[1]))].sort();
}

describe('message catalogues', () => {
	it('has the same areas in both languages', () => {
		const zh = readdirSync(new URL('../../src/i18n/zh/', import.meta.url)).map((f) =>
			f.replace(/\.ts$/, '')
		);
		expect(zh.sort()).toEqual([...AREAS].sort());
	});

	for (const area of AREAS) {
		it(`${area}: same keys, same placeholders, nothing empty`, async () => {
			const en: Record<string, string> = (await import(`../../src/i18n/en/${area}.ts`))[area];
			const zh: Record<string, string> = (await import(`../../src/i18n/zh/${area}.ts`))[area];
			expect(
				Object.keys(zh).filter((k) => !(k in en)),
				'keys only in Chinese'
			).toEqual([]);
			expect(
				Object.keys(en).filter((k) => !(k in zh)),
				'keys only in English'
			).toEqual([]);
			for (const key of Object.keys(en)) {
				expect(en[key].trim(), `${key} (en) is empty`).not.toBe('');
				expect(zh[key].trim(), `${key} (zh) is empty`).not.toBe('');
				expect(placeholders(zh[key]), `placeholders of ${key}`).toEqual(placeholders(en[key]));
			}
		});
	}

	it('keys are unique across areas', async () => {
		const seen = new Map<string, string>();
		for (const area of AREAS) {
			const en: Record<string, string> = (await import(`../../src/i18n/en/${area}.ts`))[area];
			for (const key of Object.keys(en)) {
				expect(seen.get(key), `${key} is in ${seen.get(key)} and ${area}`).toBeUndefined();
				seen.set(key, area);
			}
		}
	});
});

describe('translate', () => {
	it('fills placeholders, formats numbers for the locale, and picks English plurals', () => {
		// A key that exists in every build: the language switch's own label.
		expect(translate('en', 'app.language', {})).toBe('Language');
		expect(translate('zh', 'app.language', {})).toBe('语言');
		expect(translate('en', 'app.rows_count', { n: 1 })).toBe('1 row');
		expect(translate('en', 'app.rows_count', { n: 12345 })).toBe('12,345 rows');
		expect(translate('zh', 'app.rows_count', { n: 12345 })).toBe('12,345 行');
	});
});
