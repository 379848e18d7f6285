/** 简体中文: app. Same keys and placeholders as ../en/app.ts. */
import type { app as en } from '../en/app';

export const app: Record<keyof typeof en, string> = {
	'app.language': '语言',
	'app.rows_count': '{n} 行'
};
