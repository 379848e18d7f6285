/**
 * The audiences a person makes from segments and drill-downs: each with its size and revenue,
 * narrowed by attribute values, and exported (several at once) in the format a campaign tool
 * imports. They live only in this page: never saved, shared or stored, as their exports carry
 * contact details.
 */
import type { EngineClient } from '../engine/client';
import { CORE_COLUMNS } from '../ingest/normalise-sql';
import { CONTACTS_TABLE } from '../ingest/contacts-sql';
import { CONTACT_ROLES, type ContactRole } from '../ingest/mapping';
import { exportLabels, withLabelColumns } from '../analyses/labels';
import { rfmWithClvQuery } from '../analyses/clv/export';
import { wholeTable } from '../analyses/cell-sql';
import {
	attributeValuesQuery,
	exportQuery,
	parseFilters,
	summaryQuery,
	type AudienceFilter,
	type AudienceSources
} from '../audiences/query';
import type { AudienceFormat, ExportFile } from '../audiences/files';
import { lit, sql, type Sql } from '../sql/sql';
import { show, type Message } from '../i18n/t';
import { messageOf } from '../i18n/errors';
import type { Notebook } from './Notebook.svelte';

/** One audience: where its customers come from, how they are narrowed, and how many they are. */
export interface Audience {
	id: number;
	/** The segment's or drill-down's name, shown in the language of the moment. */
	label: Message | string;
	members: Sql;
	filters: AudienceFilter[];
	customers: number | null;
	revenue: number | null;
}

/** The audiences of the loaded data. */
export class Audiences {
	list = $state.raw<Audience[]>([]);
	/** Attribute columns of the loaded transactions, for filters. */
	attributes = $state.raw<string[]>([]);
	/** Contact columns the mapping gave (email, phone, name). */
	contacts = $state.raw<ContactRole[]>([]);
	/** What went wrong in the last step (a query of a table that a cell is rebuilding, say). */
	error = $state.raw<Message | string | null>(null);
	private nextId = 1;

	constructor(
		private readonly engine: EngineClient,
		private readonly notebook: Notebook
	) {}

	/** Forgets every audience (the data they were drawn from is gone or replaced). */
	clear() {
		this.list = [];
		this.attributes = [];
		this.contacts = [];
		this.error = null;
	}

	/** Runs a step, keeping its error for the panel instead of throwing it at a click handler. */
	private async guard<T>(work: () => Promise<T>): Promise<T | null> {
		this.error = null;
		try {
			return await work();
		} catch (e) {
			if ((e as Error).name !== 'CancelledError') this.error = messageOf(e);
			return null;
		}
	}

	/** Reads which attribute and contact columns the loaded data has. */
	async readColumns() {
		const columns = await this.engine.query(
			sql`SELECT table_name, column_name FROM duckdb_columns()
WHERE table_name IN ('transactions', ${lit(CONTACTS_TABLE)}) ORDER BY column_index`.text
		);
		const rows = columns.toArray().map((r) => [String(r.table_name), String(r.column_name)]);
		const core: readonly string[] = CORE_COLUMNS;
		this.attributes = rows
			.filter(([t, c]) => t === 'transactions' && !core.includes(c))
			.map(([, c]) => c);
		this.contacts = CONTACT_ROLES.filter((role) =>
			rows.some(([t, c]) => t === CONTACTS_TABLE && c === role)
		);
	}

	/** Adds an audience of the customers in `members` (rows with `customer_id`); returns its id. */
	async add(label: Message | string, members: Sql): Promise<number | null> {
		if (!this.attributes.length && !this.contacts.length)
			if ((await this.guard(() => this.readColumns())) === null) return null;
		const audience: Audience = {
			id: this.nextId++,
			label,
			members,
			filters: [],
			customers: null,
			revenue: null
		};
		this.list = [...this.list, audience];
		await this.measure(audience.id);
		return audience.id;
	}

	remove(id: number) {
		this.list = this.list.filter((a) => a.id !== id);
	}

	/** Narrows an audience to the customers whose latest `attribute` is `value` (or widens it again). */
	async setFilters(id: number, filters: unknown) {
		const clean = parseFilters(filters, this.attributes);
		this.list = this.list.map((a) =>
			a.id === id ? { ...a, filters: clean, customers: null, revenue: null } : a
		);
		await this.measure(id);
	}

	private async measure(id: number) {
		const audience = this.list.find((a) => a.id === id);
		if (!audience) return;
		const table = await this.guard(() =>
			this.engine.query(summaryQuery(audience, this.attributes).text)
		);
		const row = table?.get(0);
		if (!row) return;
		const measured = { customers: Number(row.customers), revenue: Number(row.revenue) };
		// Filters changed while it counted: that later count is the one to show.
		this.list = this.list.map((a) => (a === audience ? { ...a, ...measured } : a));
	}

	/** Counts every audience again: a segment's customers change when its cell runs again. */
	async remeasure() {
		for (const audience of this.list) await this.measure(audience.id);
	}

	/** The values an attribute takes among all customers (latest per customer), most common first. */
	async values(attribute: string): Promise<string[]> {
		const table = await this.guard(() =>
			this.engine.query(attributeValuesQuery(attribute, this.attributes).text)
		);
		return table?.toArray().map((r) => String(r.value)) ?? [];
	}

	/** What an export joins: RFM (with its labels, and CLV when it ran), attributes, contacts. */
	private async sources(): Promise<AudienceSources> {
		const done = (kind: string) =>
			this.notebook.cells.find((c) => c.kind === kind && c.status === 'done');
		const rfm = done('rfm');
		let rfmRows: Sql | null = null;
		if (rfm) {
			const base = done('clv') ? rfmWithClvQuery() : wholeTable(rfm.table);
			const columns = (
				await this.engine.query(sql`SELECT * FROM (${base}) AS q LIMIT 0`.text)
			).schema.fields.map((f) => f.name);
			rfmRows = withLabelColumns(base, columns, exportLabels('rfm', rfm.parsed, columns));
		}
		return { rfm: rfmRows, attributes: this.attributes, contacts: this.contacts };
	}

	/**
	 * The file for the chosen audiences in `format`: one CSV, or a `.zip` of one CSV each.
	 * `country` is the calling code put before numbers written without one.
	 */
	async download(
		ids: readonly number[],
		format: AudienceFormat,
		country: string,
		base: string
	): Promise<ExportFile | null> {
		const chosen = this.list.filter((a) => ids.includes(a.id));
		if (!chosen.length) return null;
		return this.guard(async () => {
			const sources = await this.sources();
			const rows = [];
			for (const audience of chosen) {
				const name = show(audience.label);
				const table = await this.engine.query(exportQuery(audience, name, sources).text);
				rows.push({ name, table });
			}
			// Loaded when a list is exported (it carries the zip writer), not with the page.
			const { audiencesDownload } = await import('../audiences/files');
			return audiencesDownload(rows, format, country, base);
		});
	}
}
