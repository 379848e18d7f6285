/**
 * Names that every JavaScript object inherits (`__proto__`, `constructor`, `toString` …) arriving
 * from a link, a settings file or this browser's storage, as cell keys, parameter names, segment
 * keys and the language. Each is refused with a message naming the field, or ignored, or kept as
 * plain data: never an error that is not a ConfigError (once "Np[e].parse is not a function"),
 * and never a change to `Object.prototype`.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ANALYSES, isAnalysisKind, type AnalysisKind } from '../../src/analyses/registry';
import {
	classLabel,
	clusterLabel,
	segmentLabel,
	stageLabel,
	tierLabel,
	xyzLabel
} from '../../src/analyses/labels';
import { colourOf, keyedColourScale } from '../../src/analyses/palette';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { lintRules } from '../../src/analyses/rfm/segments';
import { ConfigError, parseConfig, type NotebookConfig } from '../../src/state/config';
import { decodeConfig, encodeConfig } from '../../src/state/url-codec';
import { listRecent, loadCurrent } from '../../src/state/storage';

const HOSTILE = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];
const KINDS = Object.keys(ANALYSES) as AnalysisKind[];

/** Parsed from JSON text, as links and files are: `__proto__` becomes an own key, not the prototype. */
function fromJson(json: string): unknown {
	return JSON.parse(json);
}

/** A configuration around `inner` (JSON text of more top-level fields). */
function configJson(inner: string): string {
	return `{"version":2,"language":"en"${inner ? `,${inner}` : ''}}`;
}

/** Parses, and tells a refusal (a ConfigError) from success; anything else is thrown on. */
function outcome(input: unknown): NotebookConfig | ConfigError {
	try {
		return parseConfig(input);
	} catch (e) {
		if (e instanceof ConfigError) return e;
		throw e;
	}
}

function expectRefused(input: unknown, field: string, message: RegExp) {
	const result = outcome(input);
	expect(result).toBeInstanceOf(ConfigError);
	expect((result as ConfigError).field).toBe(field);
	expect((result as ConfigError).message).toMatch(message);
	expect((result as ConfigError).message).toContain(field);
}

/** What `Object.prototype` holds before the tests: the same names with the same values after. */
const PROTOTYPE = Object.getOwnPropertyDescriptors(Object.prototype);

function expectPrototypeUntouched() {
	const now = Object.getOwnPropertyDescriptors(Object.prototype);
	expect(Object.keys(now).sort()).toEqual(Object.keys(PROTOTYPE).sort());
	for (const [name, descriptor] of Object.entries(PROTOTYPE)) {
		expect(now[name].value, name).toBe(descriptor.value);
		expect(now[name].get, name).toBe(descriptor.get);
	}
	const plain: Record<string, unknown> = {};
	for (const name of ['parse', 'bins', 'segmentMap', 'language', 'field', 'polluted'])
		expect(plain[name], name).toBeUndefined();
	expect(Object.getPrototypeOf(plain)).toBe(Object.prototype);
}

afterEach(expectPrototypeUntouched);
afterAll(expectPrototypeUntouched);

describe.each(HOSTILE)('the name %s', (name) => {
	it('as a cell key is refused as an unknown cell, naming the field', () => {
		expectRefused(
			fromJson(configJson(`"cells":{"${name}":{"polluted":true}}`)),
			`cells.${name}`,
			/unknown cell/
		);
		// Beside a real cell too: the real one does not carry the other through.
		expectRefused(
			fromJson(configJson(`"cells":{"rfm":{"bins":4},"${name}":{}}`)),
			`cells.${name}`,
			/unknown cell/
		);
		expect(isAnalysisKind(name)).toBe(false);
	});

	it('as a cell key in a link is refused with a ConfigError', async () => {
		const hostile = fromJson(
			configJson(`"mapping":null,"custom":[],"cells":{"${name}":{"parse":1}}`)
		) as NotebookConfig;
		const fragment = await encodeConfig(hostile);
		await expect(decodeConfig(`#${fragment}`)).rejects.toBeInstanceOf(ConfigError);
		await expect(decodeConfig(`#${fragment}`)).rejects.toThrow(`unknown cell cells.${name}`);
	});

	it('as a top-level field, or a field of one of the person’s cells, is refused naming it', () => {
		expectRefused(fromJson(configJson(`"${name}":{"polluted":true}`)), name, /unknown field/);
		const note = `"custom":[{"kind":"note","text":"x","${name}":{"polluted":true}}]`;
		expectRefused(fromJson(configJson(note)), `custom[0].${name}`, /unknown field/);
		// A chart's extra fields are dropped: only kind, x, y and colour are read.
		const sql = `"custom":[{"kind":"sql","title":"t","sql":"SELECT 1","chart":{"kind":"bar","x":"a","y":"b","color":null,"${name}":{}}}]`;
		const parsed = outcome(fromJson(configJson(sql)));
		expect(parsed).not.toBeInstanceOf(ConfigError);
		expect((parsed as NotebookConfig).custom[0]).toEqual({
			kind: 'sql',
			title: 't',
			sql: 'SELECT 1',
			chart: { kind: 'bar', x: 'a', y: 'b', color: null }
		});
	});

	it('as the language is refused naming the field', () => {
		expectRefused(
			fromJson(configJson('').replace('"en"', `"${name}"`)),
			'language',
			/language must be en/
		);
	});

	it.each(KINDS)('as a parameter name of %s is ignored', (kind) => {
		const analysis = ANALYSES[kind] as { parse(input: unknown): unknown };
		const hostile = fromJson(
			`{"${name}":{"polluted":true},"names":{"${name}":"x"},"thresholds":{"${name}":[1]}}`
		);
		expect(analysis.parse(hostile)).toEqual(analysis.parse({}));
		const config = outcome(
			fromJson(configJson(`"cells":{"${kind}":{"${name}":{"polluted":true}}}`))
		);
		expect(config).not.toBeInstanceOf(ConfigError);
	});

	it('as a key of the recommended actions is dropped or kept as text for that segment', () => {
		const { actions } = parseRfmConfig(
			fromJson(`{"actions":{"${name}":"Call them","champions":"VIP line"}}`)
		);
		expect(actions.champions).toBe('VIP line');
		if (Object.hasOwn(actions, name)) expect(actions[name]).toBe('Call them');
		expect(Object.getPrototypeOf(actions)).toBe(Object.prototype);
	});

	it('as a segment key is refused by the rule tables or kept as the person’s own segment', () => {
		const rule = (key: string) => `{"key":"${key}","r":[1,5],"f":[1,5],"m":[1,5]}`;
		const split = (key: string) => `{"key":"${key}","r":"high","f":"high","m":"high"}`;
		const rfm = parseRfmConfig(
			fromJson(`{"rules":[${rule(name)},${rule('rest')}],"cn8Rules":[${split(name)}]}`)
		);
		for (const key of [...rfm.rules.map((r) => r.key), ...rfm.cn8Rules.map((r) => r.key)]) {
			expect(key).toMatch(/^[a-z][a-z0-9_]*$/);
		}
		const lint = lintRules(rfm.rules);
		expect(Object.values(lint.cells).every((n) => typeof n === 'number')).toBe(true);
		// Whatever a rule table let through, the keys read as themselves in the page's own colours.
		for (const label of [segmentLabel, stageLabel, classLabel, xyzLabel, tierLabel, clusterLabel])
			expect(label(name)).toBe(name);
		expect(colourOf(name)).toMatch(/^#[0-9A-F]{6}$/i);
		const scale = keyedColourScale(
			[{ segment: name, segment_label: name }, { segment: 'lost' }],
			'segment'
		);
		expect(scale.range.every((c) => /^#[0-9A-F]{6}$/i.test(c))).toBe(true);
	});

	it('as a key of the column mapping does not reach the mapping’s prototype', () => {
		const config = outcome(
			fromJson(configJson(`"mapping":{"${name}":{"customerId":"x"},"customerId":"客户ID"}`))
		);
		expect(config).not.toBeInstanceOf(ConfigError);
		const mapping = (config as NotebookConfig).mapping as Record<string, unknown>;
		expect(Object.getPrototypeOf(mapping)).toBe(Object.prototype);
		expect(mapping.customerId).toBe('客户ID');
		expect(Object.hasOwn(mapping, '__proto__')).toBe(false);
	});
});

describe('hostile settings kept in this browser', () => {
	/** A Map-backed `Storage`. */
	function memoryStorage(): Storage {
		const items = new Map<string, string>();
		return {
			get length() {
				return items.size;
			},
			key: (i: number) => [...items.keys()][i] ?? null,
			getItem: (key: string) => items.get(key) ?? null,
			setItem: (key: string, value: string) => void items.set(key, String(value)),
			removeItem: (key: string) => void items.delete(key),
			clear: () => items.clear()
		};
	}

	beforeEach(() => {
		vi.stubGlobal('localStorage', memoryStorage());
		vi.stubGlobal('sessionStorage', memoryStorage());
	});
	afterEach(() => vi.unstubAllGlobals());

	it.each(HOSTILE)('are ignored when a cell key is %s', (name) => {
		const hostile = configJson(`"cells":{"${name}":{}}`);
		localStorage.setItem('segmenta:settings', hostile);
		sessionStorage.setItem(
			'segmenta:tab',
			`{"id":"t","savedAt":"2025-06-30T14:02:00.000Z","origin":"own","link":null,"config":${hostile}}`
		);
		localStorage.setItem(
			'segmenta:recent-settings',
			`[{"savedAt":"2025-06-30T14:02:00.000Z","label":"x","config":${hostile}}]`
		);
		expect(loadCurrent()).toBeNull();
		expect(listRecent()).toEqual([]);
	});
});
