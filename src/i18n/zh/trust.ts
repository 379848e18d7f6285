/** 简体中文: trust. Same keys and placeholders as ../en/trust.ts. */
import type { trust as en } from '../en/trust';

export const trust: Record<keyof typeof en, string> = {
	'abc_params.crossing': '跨过界限的那一项',
	'abc_params.crossing_help':
		'累计法下，累计占比越过 80 %（或 B 的界限）的那一项，可以仍归 A（A 的占比略超过 80 %，最大的一项总是 A），也可以归入 B（A 的占比不超过 80 %；若最大的一项单独就超过界限，A 为空）。',
	'abc_params.crossing_within': '仍归本类（A 包含这一项）',
	'abc_params.crossing_next': '归入下一类（A 不超过界限）',
	'abc_params.in_force_within':
		'当前规则：排在某项之前的累计占比低于 {a} % 时，该项为 A，因此越过 {a} % 的那一项仍是 A。',
	'abc_params.in_force_next':
		'当前规则：某项（含自身）的累计占比不超过 {a} % 时为 A，因此越过 {a} % 的那一项归入 B。',
	'lifecycle.incomplete_note': '未完整',
	'clusters.choice_caption': 'k 的选择：样本上尝试的每个 k',
	'clusters.choice_k': 'k',
	'clusters.choice_marks': '依据',
	'clusters.choice_chosen': '选定',
	'clusters.choice_elbow': '肘部',
	'clusters.choice_best': '轮廓系数最高',
	'clusters.chosen_k': '选定的 k',
	'clusters.centre_caption':
		'名称依据各类中心在全体客户三等分中的位置：距上次下单不超过 {r1} 天为近期，超过 {r2} 天为久未消费；订单数不超过 {f1} 为低频，超过 {f2} 为高频；消费额不超过 {m1} 为低消费，超过 {m2} 为高消费。'
};
