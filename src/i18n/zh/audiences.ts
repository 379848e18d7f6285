/** 简体中文: audiences. Same keys and placeholders as ../en/audiences.ts. */
import type { audiences as en } from '../en/audiences';

export const audiences: Record<keyof typeof en, string> = {
	'contacts.role_email': '邮箱',
	'contacts.role_phone': '手机',
	'contacts.role_name': '姓名',
	'contacts.hint': '可选 · 只用于人群导出',
	'contacts.legend': '联系方式列',
	'contacts.note':
		'联系方式只留在本浏览器：只出现在你下载的人群文件里，不会出现在图表、链接或保存的设置中。',
	'audiences.title': '人群',
	'audiences.intro':
		'把分群变成营销名单：打开一个分群、阶段、类别或聚类（在图表中点击，或在分群表中点“导出”），再点“加入人群”。',
	'audiences.empty': '还没有人群。',
	'audiences.add': '加入人群',
	'audiences.added': '已把“{name}”加入笔记本下方的人群。',
	'audiences.customers': '{n} 位客户',
	'audiences.revenue': '收入 {amount}',
	'audiences.counting': '正在计数…',
	'audiences.remove': '删除',
	'audiences.remove_label': '删除人群“{name}”',
	'audiences.choose_label': '导出人群“{name}”',
	'audiences.narrow': '筛选',
	'audiences.attribute': '属性',
	'audiences.value': '值',
	'audiences.add_filter': '添加',
	'audiences.filter_label': '{attribute} = {value}',
	'audiences.remove_filter': '删除条件 {condition}',
	'audiences.format': '文件',
	'audiences.format_full': '完整名单（CSV：分群、建议动作、R/F/M、CLV、属性、联系方式）',
	'audiences.format_mailchimp': 'Mailchimp 导入（Email Address、First Name、Phone Number、Tags）',
	'audiences.format_klaviyo': 'Klaviyo 导入（Email、First Name、Phone Number、Tags）',
	'audiences.format_google': 'Google 客户匹配，已哈希（SHA-256）',
	'audiences.format_meta': 'Meta 自定义受众，已哈希（SHA-256）',
	'audiences.format_tags': 'CRM 标签（customer_id, tag）',
	'audiences.country': '未写国家代码的号码使用',
	'audiences.download': '下载',
	'audiences.download_many': '下载 {n} 个（.zip）',
	'audiences.no_contacts': '此文件需要邮箱或手机列：请在字段映射的“联系方式列”中选择并应用。',
	'audiences.hashed_note': '邮箱和手机号按平台要求规范化后在本页面内哈希；文件中没有原始联系方式。',
	'progress.exporting_audiences': '正在生成人群文件'
};
