/**
 * Keys stay in the data; people read names. Every key of segments, stages, classes, tiers and
 * clusters has a name in both languages, the export's label column maps keys to names on the
 * real engine, recommended actions follow the language unless the person edited them, and every
 * chart of every analysis compiles with its texts in either language.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import { startNodeEngine } from '../helpers/node-engine';
import { rowsOf } from '../helpers/arrow';
import type { EngineApi } from '../../src/engine/protocol';
import { setLocale, type Locale } from '../../src/i18n/locale';
import { LocalisedError } from '../../src/i18n/errors';
import { ident, sql } from '../../src/sql/sql';
import {
	classLabel,
	clusterLabel,
	exportLabels,
	groupLabel,
	labelColumn,
	withLabelColumns,
	SEGMENT_KEYS,
	segmentLabel,
	stageLabel,
	tierLabel,
	xyzLabel
} from '../../src/analyses/labels';
import { STAGES } from '../../src/analyses/lifecycle/query';
import { actionsFor, parseActions } from '../../src/analyses/rfm/actions';
import { rfmQuery } from '../../src/analyses/rfm/query';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { RefusedSqlError, typedSql } from '../../src/analyses/cell-sql';
import { ANALYSES, type AnalysisKind } from '../../src/analyses/registry';

/** Runs `f` with the page in `lang`. */
function inLanguage<T>(lang: Locale, f: () => T): T {
	setLocale(lang);
	try {
		return f();
	} finally {
		setLocale('en');
	}
}

afterEach(() => setLocale('en'));

describe('names of keys', () => {
	it('names the RFM segments of both maps in both languages', () => {
		expect(segmentLabel('champions')).toBe('Champions');
		expect(segmentLabel('cant_lose_them')).toBe("Can't Lose Them");
		expect(segmentLabel('important_value')).toBe('Important value customers');
		expect(inLanguage('zh', () => segmentLabel('important_value'))).toBe('重要价值客户');
		expect(inLanguage('zh', () => segmentLabel('general_retain'))).toBe('一般挽留客户');
		expect(inLanguage('zh', () => segmentLabel('champions'))).toBe('冠军客户');
		// A segment the person added to the rule table keeps its own key.
		expect(inLanguage('zh', () => segmentLabel('vip_2024'))).toBe('vip_2024');
		for (const key of SEGMENT_KEYS) {
			expect(inLanguage('zh', () => segmentLabel(key))).toMatch(/[\u4e00-\u9fff]/);
		}
	});

	it('names lifecycle stages, ABC and XYZ classes and value tiers', () => {
		expect(STAGES.map(stageLabel)).toEqual([
			'Potential (listed, no order)',
			'New',
			'Active',
			'Loyal',
			'Reactivated',
			'At risk',
			'Churned'
		]);
		expect(inLanguage('zh', () => stageLabel('churned'))).toBe('已流失');
		expect(inLanguage('zh', () => stageLabel('not_yet'))).toBe('尚未成为客户');
		expect(classLabel('A')).toBe('A: most important');
		expect(inLanguage('zh', () => xyzLabel('Z'))).toBe('Z 类：需求不规则');
		expect(inLanguage('zh', () => tierLabel('high'))).toBe('高');
		expect(classLabel('D')).toBe('D');
	});

	it('words generated cluster names and leaves typed names alone', () => {
		expect(clusterLabel('recent-frequent-high_spend')).toBe('Recent · frequent · high spend');
		expect(inLanguage('zh', () => clusterLabel('lapsed-rare-low_spend'))).toBe(
			'久未消费 · 低频 · 低消费'
		);
		expect(inLanguage('zh', () => clusterLabel('cluster_3'))).toBe('第 3 类');
		expect(clusterLabel('cluster_3')).toBe('Cluster 3');
		expect(inLanguage('zh', () => clusterLabel('VIP'))).toBe('VIP');
	});

	it('names a personas group by its source: at_risk is a segment or a stage', () => {
		expect(groupLabel('rfm', 'at_risk')).toBe('At Risk');
		expect(groupLabel('lifecycle', 'at_risk')).toBe('At risk');
		expect(inLanguage('zh', () => groupLabel('lifecycle', 'at_risk'))).toBe('有流失风险');
		expect(groupLabel('clusters', 'recent-regular-mid_spend')).toBe('Recent · regular · mid spend');
	});
});

describe('label columns for exports', () => {
	let engine: EngineApi;
	beforeAll(async () => {
		engine = await startNodeEngine();
		await engine.query(`CREATE TABLE rfm AS SELECT * FROM (VALUES ('C1', 'champions', 'not_yet'), ('C2', 'important_value', 'lost'),
			('C3', 'my_own''s', 'other'), ('C4', NULL, 'champions')) AS t(customer_id, segment, segment_before)`);
	});

	async function labelled(lang: Locale): Promise<Record<string, unknown>[]> {
		const columns = ['customer_id', 'segment', 'segment_before', 'action'];
		const labels = inLanguage(lang, () => exportLabels('rfm', {}, columns));
		expect(labels.map((l) => [l.column, l.as])).toEqual([
			['segment', 'segment_label'],
			['segment_before', 'segment_before_label']
		]);
		const select = labels
			.map((l) => `${labelColumn(ident(l.column), l.labels).text} AS ${ident(l.as).text}`)
			.join(', ');
		return rowsOf(engine, `SELECT customer_id, ${select} FROM rfm ORDER BY customer_id`);
	}

	it('maps each key to its English name, other values passing through', async () => {
		expect(await labelled('en')).toEqual([
			{ customer_id: 'C1', segment_label: 'Champions', segment_before_label: 'Not yet a customer' },
			{
				customer_id: 'C2',
				segment_label: 'Important value customers',
				segment_before_label: 'Lost'
			},
			{ customer_id: 'C3', segment_label: "my_own's", segment_before_label: 'Other' },
			{ customer_id: 'C4', segment_label: null, segment_before_label: 'Champions' }
		]);
	});

	it('puts each label column right after its key column in an export', async () => {
		const columns = ['customer_id', 'segment', 'segment_before'];
		const query = withLabelColumns(
			sql`SELECT * FROM rfm`,
			columns,
			inLanguage('zh', () => exportLabels('rfm', {}, columns))
		);
		const rows = await rowsOf(engine, `${query.text} ORDER BY customer_id`);
		expect(Object.keys(rows[0])).toEqual([
			'customer_id',
			'segment',
			'segment_label',
			'segment_before',
			'segment_before_label'
		]);
		expect(rows[1]).toEqual({
			customer_id: 'C2',
			segment: 'important_value',
			segment_label: '重要价值客户',
			segment_before: 'lost',
			segment_before_label: '已流失客户'
		});
		expect(withLabelColumns(sql`SELECT 1 AS n`, ['n'], []).text).toBe('SELECT 1 AS n');
	});

	it('maps each key to its Chinese name', async () => {
		expect(await labelled('zh')).toEqual([
			{ customer_id: 'C1', segment_label: '冠军客户', segment_before_label: '尚未成为客户' },
			{ customer_id: 'C2', segment_label: '重要价值客户', segment_before_label: '已流失客户' },
			{ customer_id: 'C3', segment_label: "my_own's", segment_before_label: '其他' },
			{ customer_id: 'C4', segment_label: null, segment_before_label: '冠军客户' }
		]);
	});

	it('quotes names with quotes in them as data', async () => {
		const sql = labelColumn(ident('k'), { "it's": 'l\'étiquette "x"; DROP TABLE rfm; --' });
		expect(
			await rowsOf(engine, `SELECT ${sql.text} AS label FROM (VALUES ('it''s')) AS t(k)`)
		).toEqual([{ label: 'l\'étiquette "x"; DROP TABLE rfm; --' }]);
		expect(await rowsOf(engine, 'SELECT count(*) AS n FROM rfm')).toEqual([{ n: 4 }]);
	});

	it('labels only the key columns a table has, by analysis', () => {
		const all = ['class', 'xyz', 'stage', 'stage_before', 'value_tier', 'cluster_name', 'segment'];
		const columns = (kind: AnalysisKind, config: unknown = {}) =>
			exportLabels(kind, config, all).map((l) => l.column);
		expect(columns('abc')).toEqual(['class', 'xyz']);
		expect(exportLabels('abc', {}, ['id', 'class']).map((l) => l.as)).toEqual(['class_label']);
		expect(columns('lifecycle')).toEqual(['stage', 'stage_before', 'value_tier']);
		expect(columns('clusters')).toEqual(['cluster_name']);
		expect(columns('cohort')).toEqual([]);
		expect(columns('clv')).toEqual([]);
		expect(exportLabels('personas', { source: 'lifecycle' }, all)[0].labels.at_risk).toBe(
			'At risk'
		);
		expect(exportLabels('personas', {}, all)[0].labels.at_risk).toBe('At Risk');
		expect(exportLabels('clusters', {}, all)[0].labels['recent-frequent-high_spend']).toBe(
			'Recent · frequent · high spend'
		);
	});
});

describe('recommended actions', () => {
	it('suggests in the language of the moment, and keeps what the person typed', () => {
		expect(actionsFor({}).champions).toBe(
			'Reward them: early access, referral programme, ask for reviews'
		);
		expect(inLanguage('zh', () => actionsFor({}).important_value)).toBe(
			'保持现状，提供 VIP 服务与专属权益'
		);
		expect(inLanguage('zh', () => actionsFor({ champions: 'Call them' }).champions)).toBe(
			'Call them'
		);
		expect(inLanguage('zh', () => rfmQuery(parseRfmConfig({})).text)).toContain(
			"'给予回报：新品抢先体验、推荐有礼、邀请评价'"
		);
	});

	it('treats a suggestion saved in a link (in either language) as no edit', () => {
		expect(
			parseActions({
				champions: 'Reward them: early access, referral programme, ask for reviews',
				important_value: '保持现状，提供 VIP 服务与专属权益',
				lost: '',
				vip: 'Send a gift',
				'bad key': 'x'
			})
		).toEqual({ lost: '', vip: 'Send a gift' });
	});
});

describe('refusals of typed SQL', () => {
	it('carry a message key, so the page shows them in its language', () => {
		const error = (() => {
			try {
				typedSql('INSTALL httpfs');
			} catch (e) {
				return e;
			}
		})();
		expect(error).toBeInstanceOf(RefusedSqlError);
		expect(error).toBeInstanceOf(LocalisedError);
		expect((error as LocalisedError).key).toBe('analysis.sql_not_allowed');
		expect((error as LocalisedError).params).toEqual({ statement: 'INSTALL' });
	});
});

describe('analysis titles and charts in both languages', () => {
	/** One config per analysis that turns on every chart. */
	const CONFIGS: Record<AnalysisKind, unknown> = {
		rfm: { compareDate: '2024-01-01' },
		abc: { subject: 'products', xyz: true },
		cohort: {},
		lifecycle: {},
		clv: { calibrationEnd: '2024-01-01', holdoutEnd: '2024-06-01' },
		clusters: {},
		grid: { compareDate: '2024-01-01' },
		personas: { attribute: 'channel' }
	};

	it.each(['en', 'zh'] as const)(
		'titles, definitions and every chart spec compile in %s',
		(lang) => {
			inLanguage(lang, () => {
				for (const [kind, analysis] of Object.entries(ANALYSES) as [
					AnalysisKind,
					(typeof ANALYSES)[AnalysisKind]
				][]) {
					const words = lang === 'zh' ? /[\u4e00-\u9fff]/ : /^[A-Z]/;
					expect(analysis.title).toMatch(words);
					expect(analysis.definitions).toMatch(words);
					for (const chart of analysis.charts(analysis.parse(CONFIGS[kind]) as never)) {
						expect(chart.title, `${kind}/${chart.id}`).toMatch(words);
						expect(() => compile(chart.spec([]) as never), `${kind}/${chart.id}`).not.toThrow();
					}
				}
			});
		}
	);

	it('switches the title of the same object when the language changes', () => {
		const rfm = ANALYSES.rfm;
		expect(rfm.title).toBe('RFM segments');
		expect(inLanguage('zh', () => rfm.title)).toBe('RFM 客户分群');
		const [segments] = rfm.charts(rfm.parse({}));
		expect(segments.title).toBe('Segments: customers and share of revenue');
		expect(inLanguage('zh', () => segments.title)).toBe('各分群的客户数与收入占比');
	});
});
