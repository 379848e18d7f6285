/**
 * The settings line of each cell and the days its empty date fields stand for: the data's dates
 * through the real engine on a hand-made file (worked out by hand below), then each line in
 * English and in Chinese against text written out by hand.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { tableFromIPC } from 'apache-arrow';
import { startNodeEngine, textFile } from '../helpers/node-engine';
import type { EngineApi } from '../../src/engine/protocol';
import { parseMapping } from '../../src/ingest/mapping';
import { parseRfmConfig } from '../../src/analyses/rfm/config';
import { ANALYSES, type AnalysisKind } from '../../src/analyses/registry';
import {
	dataDatesQuery,
	readDataDates,
	type DataDates
} from '../../src/analyses/settings-line-dates';
import { addDays, dateDefaults, settingsLine } from '../../src/analyses/settings-line';
import { translate } from '../../src/i18n/t';
import type { Locale } from '../../src/i18n/locale';

/*
 * Purchases from 2024-01-10 (A1) to 2024-04-20 (C1). C0 is a refund of no order on 2024-05-02:
 * later, but no purchase, so the RFM cell's analysis date is 2024-04-21. Up to 2024-03-31 the
 * last purchase is A2 on 2024-03-05, so that window's analysis date is 2024-03-06.
 */
const CSV = `order_id,customer_id,order_date,amount
A1,A,2024-01-10 09:00:00,100.00
B1,B,2024-02-15 12:00:00,200.00
A2,A,2024-03-05 18:30:00,50.00
C1,C,2024-04-20 23:59:00,30.00
C0,C,2024-05-02 10:00:00,-10.00
`;

const HAND: DataDates = {
	firstPurchase: '2024-01-10',
	lastPurchase: '2024-04-20',
	rfmAsOf: '2024-04-21'
};

describe('the data’s dates on the real engine', () => {
	let engine: EngineApi;
	const datesOf = async (rfm: unknown) => {
		const table = tableFromIPC(await engine.query(dataDatesQuery(parseRfmConfig(rfm)).text));
		return readDataDates({ ...table.get(0)!.toJSON() });
	};
	beforeAll(async () => {
		engine = await startNodeEngine();
		const opened = await engine.openFile(textFile('dates.csv', CSV), {});
		await engine.normalise(
			parseMapping({ ...opened.guess.draft, today: '2030-01-01' }, opened.columns)
		);
	});

	it('gives the first and last purchase and the RFM cell’s default analysis date', async () => {
		expect(await datesOf({})).toEqual(HAND);
	});

	it('follows the RFM window, and a set analysis date', async () => {
		expect((await datesOf({ windowEnd: '2024-03-31' })).rfmAsOf).toBe('2024-03-06');
		expect((await datesOf({ analysisDate: '2024-06-30' })).rfmAsOf).toBe('2024-06-30');
	});
});

/** The line as the page shows it, in `lang`. */
function line(kind: AnalysisKind, config: unknown, lang: Locale, dates: DataDates | null = HAND) {
	const parsed = ANALYSES[kind].parse(config as never);
	return settingsLine(kind, parsed, dates)
		.map((m) => translate(lang, m.key, m.params))
		.join(' · ');
}

describe('the settings line', () => {
	it('moves days across months and leap days', () => {
		expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
		expect(addDays('2024-12-31', 1)).toBe('2025-01-01');
		// 2024-04-21 back 90 days: 31 to 03-21, 29 more to 02-21, 30 more to 01-22.
		expect(addDays('2024-04-21', -90)).toBe('2024-01-22');
	});

	it('says the RFM defaults, with the analysis date in use', () => {
		expect(line('rfm', {}, 'en')).toBe(
			'5 scores by quantile · 11 segments · analysis date 2024-04-21'
		);
		expect(line('rfm', {}, 'zh')).toBe('5 档评分（按分位数） · 11 个分群 · 分析日期 2024-04-21');
	});

	it('says every RFM choice that differs from the defaults', () => {
		const config = {
			bins: 3,
			scoring: 'thresholds',
			segmentMap: 'cn8',
			cn8Split: 'median',
			analysisDate: '2024-04-01',
			windowStart: '2024-02-01',
			frequency: 'days',
			monetary: 'average',
			firstPurchase: 'exclude',
			compareDate: '2024-03-01'
		};
		expect(line('rfm', config, 'en')).toBe(
			'3 scores by your cut points · 8 classes, high or low against the median · ' +
				'analysis date 2024-04-01 · orders 2024-02-01 – 2024-04-20 · frequency in purchase days · ' +
				'average order value · first order left out · compared with 2024-03-01'
		);
		expect(line('rfm', config, 'zh')).toBe(
			'3 档评分（按自定切点） · 8 类（高低以中位数为界） · 分析日期 2024-04-01 · ' +
				'订单 2024-02-01 至 2024-04-20 · 频次按购买天数 · 金额按平均订单额 · 不计首单 · 对比 2024-03-01'
		);
	});

	it('says the lifecycle’s days and its comparison 90 days back', () => {
		expect(line('lifecycle', {}, 'en')).toBe(
			'analysis date 2024-04-21 · new ≤ 30 days, active ≤ 90, churned after 180 · ' +
				'loyal from 3 orders · compared with 2024-01-22'
		);
		expect(line('lifecycle', { analysisDate: '2024-03-01', grain: 'week' }, 'zh')).toBe(
			// 2024-03-01 back 90 days: 29 to 02-01, 31 more to 01-01, 30 more to 2023-12-02.
			'分析日期 2024-03-01 · 新客 ≤ 30 天，活跃 ≤ 90 天，180 天后流失 · 忠诚客户至少 3 单 · ' +
				'对比 2023-12-02 · 按周看流转'
		);
	});

	it('says the lifetime value’s calibration, forecast and discount', () => {
		expect(line('clv', {}, 'en')).toBe(
			'calibration to 2024-04-20 · forecast 52 weeks · value over 12 months, 1% monthly discount'
		);
		expect(
			line('clv', { period: 'days', horizon: 1, clvMonths: 1, monthlyDiscount: 0.025 }, 'en')
		).toBe(
			'calibration to 2024-04-20 · forecast 1 day · value over 1 month, 2.5% monthly discount'
		);
		expect(line('clv', {}, 'zh')).toBe(
			'校准期至 2024-04-20 · 预测 52 周 · 价值按 12 个月计，月折现率 1%'
		);
		// A model the person chose is said first; the default (best of three) goes unsaid.
		expect(line('clv', { model: 'pnbd' }, 'en')).toBe(
			'predicted with Pareto/NBD · calibration to 2024-04-20 · forecast 52 weeks · value over 12 months, 1% monthly discount'
		);
		expect(line('clv', { model: 'mbgnbd' }, 'zh')).toMatch(/^用 MBG\/NBD 预测 · 校准期至/);
	});

	it('says the cohorts, ABC, clusters and personas', () => {
		expect(line('cohort', {}, 'en')).toBe(
			'monthly cohorts by first purchase · retention · cohorts of 20+ customers'
		);
		expect(
			line('cohort', { grain: 'week', metric: 'revenue', windowEnd: '2024-03-31' }, 'zh')
		).toBe('按首购周分组 · 收入 · 每组至少 20 位客户 · 订单 2024-01-10 至 2024-03-31');
		expect(line('abc', {}, 'en')).toBe('customers by revenue · A to 80%, B to 95% of the total');
		expect(line('abc', { method: 'rank' }, 'zh')).toBe(
			'客户按收入 · A 类为前 30%，B 类为前 70%（按排名）'
		);
		expect(line('clusters', {}, 'en')).toBe('number of clusters suggested (3–8) · seed 1');
		expect(line('clusters', { k: 4, seed: 7 }, 'zh')).toBe('4 个簇 · 随机种子 7');
		expect(line('personas', {}, 'en')).toBe('describes the RFM segments');
		expect(line('personas', { source: 'lifecycle' }, 'zh')).toBe('描述生命周期阶段');
	});

	it('says the grid’s value, potential, tiers and date', () => {
		// HAND's RFM date (a refund later than the last purchase does not count).
		const asOf = HAND.rfmAsOf;
		expect(line('grid', {}, 'en')).toBe(
			`value = net spend · potential = orders of the last 365 days over 365 days · tiers by thirds · analysis date ${asOf}`
		);
		expect(
			line(
				'grid',
				{ value: 'abc', potential: 'clv', valueCuts: [100, 500], compareDate: '2024-01-01' },
				'zh'
			)
		).toBe(
			`价值 = ABC 等级（A 至 80%，B 至 95%） · 潜力 = 客户终身价值单元的 CLV · 按自定切分点分层 · 分析日期 ${asOf} · 对比 2024-01-01`
		);
	});

	it('says an unknown date as such until the data’s dates are known', () => {
		expect(line('rfm', {}, 'en', null)).toBe(
			'5 scores by quantile · 11 segments · analysis date …'
		);
		expect(dateDefaults('rfm', parseRfmConfig({}), null)).toEqual({});
	});

	it('gives each empty date field the day it stands for', () => {
		expect(dateDefaults('rfm', parseRfmConfig({}), HAND)).toEqual({
			windowStart: '2024-01-10',
			windowEnd: '2024-04-20',
			analysisDate: '2024-04-21'
		});
		expect(dateDefaults('lifecycle', ANALYSES.lifecycle.parse({}), HAND)).toEqual({
			analysisDate: '2024-04-21',
			compareDate: '2024-01-22'
		});
		expect(dateDefaults('clv', ANALYSES.clv.parse({}), HAND)).toEqual({
			calibrationEnd: '2024-04-20'
		});
	});
});
