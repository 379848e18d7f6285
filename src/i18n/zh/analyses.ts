/** 简体中文: analyses. Same keys and placeholders as ../en/analyses.ts. */
import type { analyses as en } from '../en/analyses';

export const analyses: Record<keyof typeof en, string> = {
};
