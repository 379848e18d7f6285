/** 简体中文: overview. Same keys and placeholders as ../en/overview.ts. */
import type { overview as en } from '../en/overview';

export const overview: Record<keyof typeof en, string> = {
	'overview.title': '概览',
	'overview.working': '正在计算概览…',
	'overview.failed': '无法计算概览：{reason}',
	'overview.tiles_label': '关键数字',
	'overview.customers': '客户数',
	'overview.customers_note': '有过购买的客户',
	'overview.customers_refund_only': '有过购买的客户；另有 {n} 位只有退款',
	'overview.revenue': '净收入',
	'overview.revenue_note': '已扣除退款',
	'overview.orders': '订单数',
	'overview.orders_note': '人均 {n} 单',
	'overview.period': '覆盖时段',
	'overview.period_note': '共 {n} 天',
	'overview.repeat': '复购客户占比',
	'overview.repeat_note': '{n} 位客户购买过两次及以上',
	'overview.top': '前 {share} 客户的收入占比',
	'overview.top_note': '按净消费排序的客户',
	'overview.retention': '次月留存率',
	'overview.retention_note': '最近 {n} 个完整同期群（{from} – {to}），共 {size} 位客户',
	'overview.retention_none': '尚无同期群有完整的下一个月',
	'overview.at_risk': '流失风险客户',
	'overview.at_risk_note': '收入 {spent} · {segments}',
	'overview.after_rfm': 'RFM 单元运行后显示',
	'overview.findings_title': '值得注意',
	'overview.no_findings':
		'暂无达到阈值的发现：占比类发现需要至少 {min} 位有购买的客户，留存变化需要至少 5 个百分点。',
	'overview.finding_concentration': '{customers} 的客户贡献了 {revenue} 的净收入。',
	'overview.finding_lapsed_loyal':
		'{n} 位购买过 {orders} 次及以上的客户已有 {days} 天以上未再购买；他们累计消费 {spent}。',
	'overview.finding_retention_fell':
		'次月留存率从 {before} 降至 {after}（同期群 {from} – {to}，对比此前三个）。',
	'overview.finding_retention_rose':
		'次月留存率从 {before} 升至 {after}（同期群 {from} – {to}，对比此前三个）。',
	'overview.finding_top_segment': '{segment}：占客户的 {customers}，贡献了 {revenue} 的净收入。',
	'overview.finding_at_risk':
		'{n} 位流失风险客户（{segments}）累计消费 {spent}，占净收入的 {share}。',
	'overview.finding_repeat': '购买过不止一次的客户占 {customers}，贡献了 {revenue} 的净收入。',
	'overview.see_cell': '查看 {title}',
	'overview.segments_title': '客户分群与建议',
	'overview.segments_caption': '按 RFM 分群的客户，按净收入从高到低排列，附建议的行动',
	'overview.segments_region': '分群表（可横向滚动）',
	'overview.col_segment': '分群',
	'overview.col_customers': '客户数',
	'overview.col_customer_share': '客户占比',
	'overview.col_revenue_share': '收入占比',
	'overview.col_recency': '平均距上次购买天数',
	'overview.col_frequency': '平均订单数',
	'overview.col_spend': '平均净消费',
	'overview.col_action': '建议行动',
	'overview.col_export': '名单',
	'overview.export': '导出',
	'overview.export_label': '导出{segment}的客户名单（CSV）',
	'overview.segments_waiting': 'RFM 单元运行后显示分群表。',
	'overview.segments_failed': '无法根据 RFM 单元的结果表生成分群表：{reason}',
	'overview.definitions':
		'净收入统计所有保留的行并扣除退款，与数据质量报告一致；客户数为有过购买的客户，与 RFM 单元一致。次月留存率：某月新客户中在下一个自然月再次购买的比例。'
};
