/**
 * The message catalogues, one pair of files per part of the app (one writer each). English is the
 * reference: the Chinese catalogue must have exactly the same keys and placeholders (a test checks).
 */
import { analyses as analysesEn } from './en/analyses';
import { app as appEn } from './en/app';
import { cells as cellsEn } from './en/cells';
import { engine as engineEn } from './en/engine';
import { ingest as ingestEn } from './en/ingest';
import { analyses as analysesZh } from './zh/analyses';
import { app as appZh } from './zh/app';
import { cells as cellsZh } from './zh/cells';
import { engine as engineZh } from './zh/engine';
import { ingest as ingestZh } from './zh/ingest';
import type { Locale } from './locale';

export const EN = { ...appEn, ...cellsEn, ...analysesEn, ...engineEn, ...ingestEn };
export type MessageKey = keyof typeof EN;

export const ZH: Record<MessageKey, string> = { ...appZh, ...cellsZh, ...analysesZh, ...engineZh, ...ingestZh };

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en: EN, zh: ZH };
