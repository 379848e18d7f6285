/**
 * The English catalogue, on its own: the engine worker words its errors in English only (their
 * `message`, for logs and tests), so it carries neither the Chinese catalogue nor the page's
 * reactive locale.
 */
import { analyses } from './en/analyses';
import { app } from './en/app';
import { audiences } from './en/audiences';
import { cells } from './en/cells';
import { engine } from './en/engine';
import { grid } from './en/grid';
import { ingest } from './en/ingest';
import { layout } from './en/layout';
import { models } from './en/models';
import { overview } from './en/overview';
import { trust } from './en/trust';
import { fill, type MessageParams } from './message';

export const EN = {
	...app,
	...cells,
	...analyses,
	...engine,
	...ingest,
	...overview,
	...audiences,
	...grid,
	...layout,
	...models,
	...trust
};
export type MessageKey = keyof typeof EN;

/** A message in English. */
export function english(key: MessageKey, params: MessageParams = {}): string {
	return fill(EN[key] ?? key, params, 'en-US');
}
