/**
 * The message catalogues, one pair of files per part of the app (one writer each). English is the
 * reference: the Chinese catalogue must have exactly the same keys and placeholders (a test checks).
 */
import { EN, type MessageKey } from './english';
import { analyses as analysesZh } from './zh/analyses';
import { app as appZh } from './zh/app';
import { audiences as audiencesZh } from './zh/audiences';
import { cells as cellsZh } from './zh/cells';
import { engine as engineZh } from './zh/engine';
import { grid as gridZh } from './zh/grid';
import { ingest as ingestZh } from './zh/ingest';
import { layout as layoutZh } from './zh/layout';
import { models as modelsZh } from './zh/models';
import { overview as overviewZh } from './zh/overview';
import { trust as trustZh } from './zh/trust';
import type { Locale } from './locale';

export type { MessageKey };

export const ZH: Record<MessageKey, string> = {
	...appZh,
	...cellsZh,
	...analysesZh,
	...engineZh,
	...ingestZh,
	...overviewZh,
	...audiencesZh,
	...gridZh,
	...layoutZh,
	...modelsZh,
	...trustZh
};

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en: EN, zh: ZH };
