/** 简体中文: engine. Same keys and placeholders as ../en/engine.ts. */
import type { engine as en } from '../en/engine';

export const engine: Record<keyof typeof en, string> = {
};
