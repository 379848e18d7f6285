/** 简体中文: cells. Same keys and placeholders as ../en/cells.ts. */
import type { cells as en } from '../en/cells';

export const cells: Record<keyof typeof en, string> = {
};
