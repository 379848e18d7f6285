/** 简体中文: models. Same keys and placeholders as ../en/models.ts. */
import type { models as en } from '../en/models';

export const models: Record<keyof typeof en, string> = {
	'models.progress': '{model}，第 {iteration} 次迭代：对数似然 {ll}',
	'models.outlook':
		'预计 {n} 位客户在未来 {horizon} {unit}内共购买 {purchases} 次，价值 {value}；其中 {gone} 位很可能已流失（存活概率 < 0.5）。',
	'models.outlook_no_value':
		'预计 {n} 位客户在未来 {horizon} {unit}内共购买 {purchases} 次；其中 {gone} 位很可能已流失（存活概率 < 0.5）。',
	'models.picked_holdout':
		'预测使用 {model}：三个模型中它在验证期最准确，平均每位客户偏差 {mae} 次购买。',
	'models.picked_bic':
		'预测使用 {model}：未设验证期，它对校准期数据拟合最好（BIC 最低）。设置验证期即可用模型未见过的购买来比较。',
	'models.picked_setting': '预测使用 {model}（按设置）。',
	'models.not_converged': '{model} 未收敛：其结果请谨慎看待。',
	'models.details': '三个模型的比较及参数',
	'models.fitted_on': '拟合 {n} 位客户；时间单位为{unit}。',
	'models.col_model': '模型',
	'models.col_mae': '验证期每位客户偏差',
	'models.col_totals': '验证期购买次数，预测 / 实际',
	'models.col_ll': '对数似然',
	'models.col_bic': 'BIC',
	'models.col_params': '参数',
	'models.col_cost': '迭代次数、用时',
	'models.in_use': '使用中',
	'models.no_holdout': '无验证期',
	'models.skipped':
		'未尝试 {model}：共有 {n} 种不同的购买历史，拟合耗时过长。可在设置中选择它来拟合。',
	'models.setting': '模型',
	'models.setting_auto': '三者择优（按验证期误差，否则按 BIC）',
	'models.setting_help':
		'BG/NBD、MBG/NBD（只买过一次的客户也可能已流失）和 Pareto/NBD 都会拟合；由此处选定的模型给出预测。'
};
