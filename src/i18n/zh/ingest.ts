/** 简体中文: ingest. Same keys and placeholders as ../en/ingest.ts. */
import type { ingest as en } from '../en/ingest';

export const ingest: Record<keyof typeof en, string> = {
	'ingest.note_no_customer': '没有哪一列像是客户编号，请选择一列。',
	'ingest.note_no_date': '没有哪一列像是下单日期，请选择一列。',
	'ingest.note_no_amount': '没有哪一列像是金额，请选择一列，或选择数量和单价两列。',
	'ingest.one_of': '{field} 只能是以下之一：{allowed}',
	'ingest.choose_column': '请为 {field} 选择一列',
	'ingest.no_such_column': '{field}：文件中没有名为 {column} 的列',
	'ingest.not_an_object': '不是一个对象',
	'ingest.unknown_field': '未知字段 {field}',
	'ingest.amount_needed': '请选择金额列，或同时选择数量列和单价列',
	'ingest.used_twice': '列 {column} 被使用了两次',
	'ingest.no_attribute_column': '文件中没有名为 {column} 的列'
};
