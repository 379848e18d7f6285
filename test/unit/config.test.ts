import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, parseConfig, type NotebookConfig } from '../../src/state/config';
import { decodeConfig, encodeConfig } from '../../src/state/url-codec';
import { setLocale } from '../../src/i18n/locale';

const config: NotebookConfig = {
	version: 2,
	language: 'zh',
	mapping: { customerId: '客户ID', orderDate: '下单时间', amount: '实付金额', dateFormat: 'cjk' },
	cells: { rfm: { bins: 4, segmentMap: 'cn8' }, cohort: { grain: 'week' } },
	custom: [
		{
			kind: 'sql',
			title: 'Top spenders',
			sql: "SELECT * FROM rfm WHERE segment = 'champions'",
			chart: { kind: 'bar', x: 'customer_id', y: 'monetary', color: null }
		},
		{ kind: 'note', text: '## 结论\nCall the champions.' }
	]
};

describe('configuration links', () => {
	it('round-trips through the URL fragment', async () => {
		const fragment = await encodeConfig(config);
		expect(fragment).toMatch(/^c=[A-Za-z0-9_-]+$/);
		expect(await decodeConfig(`#${fragment}`)).toEqual(config);
	});

	it('carries the language, also with nothing else set', async () => {
		for (const language of ['en', 'zh'] as const) {
			expect(
				(await decodeConfig(`#${await encodeConfig({ ...config, language })}`))?.language
			).toBe(language);
			const bare: NotebookConfig = { version: 2, language, mapping: null, cells: {}, custom: [] };
			expect(await decodeConfig(`#${await encodeConfig(bare)}`)).toEqual(bare);
		}
	});

	it('stays short enough to paste into chat', async () => {
		const defaults = await encodeConfig({
			version: 2,
			language: 'en',
			mapping: null,
			cells: {},
			custom: []
		});
		const five = await encodeConfig({
			...config,
			custom: Array.from({ length: 5 }, (_, i) => ({
				kind: 'sql' as const,
				title: `Cell ${i}`,
				sql: `SELECT segment, count(*) AS customers, sum(monetary) AS revenue FROM rfm WHERE frequency > ${i} GROUP BY 1 ORDER BY 3 DESC`,
				chart: { kind: 'bar' as const, x: 'segment', y: 'revenue', color: null }
			}))
		});
		expect(defaults.length).toBeLessThan(80);
		expect(five.length).toBeLessThan(1200);
	});

	it('says nothing for a link without a configuration', async () => {
		expect(await decodeConfig('')).toBeNull();
		expect(await decodeConfig('#how-privacy-works')).toBeNull();
	});

	it('explains a damaged or cut-short link', async () => {
		const fragment = await encodeConfig(config);
		await expect(decodeConfig(`#${fragment.slice(0, fragment.length / 2)}`)).rejects.toThrow(
			/damaged or cut short|not valid/
		);
		await expect(decodeConfig('#c=AAAA')).rejects.toThrow(/damaged/);
	});
});

describe('parseConfig', () => {
	afterEach(() => setLocale('en'));

	it('brings a version 1 configuration forward in the language of the page', () => {
		const { version, language, ...v1 } = config;
		expect(version).toBe(2);
		expect(language).toBe('zh');
		expect(parseConfig({ ...v1, version: 1 })).toEqual({ ...config, language: 'en' });
		setLocale('zh');
		expect(parseConfig({ ...v1, version: 1 })).toEqual(config);
	});

	it.each([
		[{ ...config, version: 3 }, 'version', /newer Segmenta/],
		[{ ...config, version: 'one' }, 'version', /no valid version/],
		[{ ...config, colour: 'red' }, 'colour', /unknown field colour/],
		[{ ...config, language: 'fr' }, 'language', /language must be en/],
		[{ ...config, language: undefined }, 'language', /language must be en/],
		[{ ...config, version: 1 }, 'language', /unknown field language/],
		[{ ...config, cells: { pie: {} } }, 'cells.pie', /unknown cell/],
		[{ ...config, custom: [{ kind: 'sql', title: 'x', sql: 1 }] }, 'custom[0].sql', /must be text/],
		[{ ...config, custom: [{ kind: 'macro' }] }, 'custom[0].kind', /sql or note/],
		[
			{ ...config, custom: [{ kind: 'note', text: 'x', script: 'alert(1)' }] },
			'custom[0].script',
			/unknown field/
		]
	])('refuses %j naming %s', (input, field, message) => {
		try {
			parseConfig(input);
			expect.unreachable();
		} catch (e) {
			expect(e).toBeInstanceOf(ConfigError);
			expect((e as ConfigError).field).toBe(field);
			expect((e as Error).message).toMatch(message);
		}
	});
});
