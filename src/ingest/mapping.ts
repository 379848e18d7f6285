/**
 * The column mapping: which column of the person's file plays which role, and how its values
 * are written. It is a plain object so it can be validated, saved and shared in a link.
 */
import type { MessageKey } from '../i18n/english';
import { LocalisedError } from '../i18n/errors';
import type { MessageParams } from '../i18n/message';

/** How dates are written in the order-date column. */
export const DATE_FORMATS = [
	'iso',
	'ymd',
	'dmy',
	'mdy',
	'cjk',
	'yyyymmdd',
	'excel-serial',
	'unix-seconds',
	'unix-millis'
] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

/** Which character separates decimals in the amount, quantity and price columns. */
export const DECIMAL_SEPARATORS = ['.', ','] as const;
export type DecimalSeparator = (typeof DECIMAL_SEPARATORS)[number];

/** What to do with rows whose amount is negative (refunds, cancellations). */
export const REFUND_POLICIES = ['net', 'set-aside'] as const;
export type RefundPolicy = (typeof REFUND_POLICIES)[number];

/** Id columns written by a float-typed export (`17850.0`) lose the `.0`; others stay verbatim. */
export const ID_FORMATS = ['text', 'float-integer'] as const;
export type IdFormat = (typeof ID_FORMATS)[number];

/** The complete mapping of one file. Column values are header names of that file. */
export interface Mapping {
	customerId: string;
	orderDate: string;
	/** The amount column; when null, amount = quantity × unitPrice. */
	amount: string | null;
	quantity: string | null;
	unitPrice: string | null;
	/** When null, each row is its own order. */
	orderId: string | null;
	productId: string | null;
	/**
	 * Contact columns (see `CONTACT_ROLES`): read once per customer into `customer_contacts` for
	 * audience exports, never into `transactions`. Their names may be saved; their values never.
	 */
	email: string | null;
	phone: string | null;
	name: string | null;
	/** Other columns kept as text attributes (country, channel, ...). */
	attributes: string[];
	dateFormat: DateFormat;
	decimalSeparator: DecimalSeparator;
	customerIdFormat: IdFormat;
	refunds: RefundPolicy;
	/** Set aside rows that repeat an earlier row exactly. */
	dropDuplicates: boolean;
	/** Orders dated after this day (yyyy-mm-dd) are set aside as "in the future". */
	today: string;
}

/** The roles a column can be given, in the order the mapping form shows them. */
export const ROLES = [
	'customerId',
	'orderDate',
	'amount',
	'quantity',
	'unitPrice',
	'orderId',
	'productId',
	'email',
	'phone',
	'name'
] as const;
export type Role = (typeof ROLES)[number];

/** The roles that hold a way to reach the customer rather than an order's facts. */
export const CONTACT_ROLES = ['email', 'phone', 'name'] as const satisfies readonly Role[];
export type ContactRole = (typeof CONTACT_ROLES)[number];

/** Thrown when a mapping cannot be used; `field` names the offending field. */
export class MappingError extends LocalisedError {
	constructor(
		readonly field: string,
		key: MessageKey,
		params: MessageParams = {}
	) {
		super(key, params);
		this.name = 'MappingError';
	}
}

const KNOWN_FIELDS = new Set<string>([
	...ROLES,
	'attributes',
	'dateFormat',
	'decimalSeparator',
	'customerIdFormat',
	'refunds',
	'dropDuplicates',
	'today'
]);

function oneOf<T extends string>(field: string, value: unknown, allowed: readonly T[]): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw new MappingError(field, 'ingest.one_of', { field, allowed: allowed.join(', ') });
}

function column(field: string, value: unknown, columns: readonly string[], required: boolean) {
	if (value === null || value === undefined || value === '') {
		if (required) throw new MappingError(field, 'ingest.choose_column', { field });
		return null;
	}
	if (typeof value !== 'string' || !columns.includes(value)) {
		throw new MappingError(field, 'ingest.no_such_column', {
			field,
			column: JSON.stringify(value)
		});
	}
	return value;
}

/**
 * The trust boundary for mappings: checks every field against the file's columns and the
 * allowed values, and returns a clean copy. Throws `MappingError` naming the first bad field.
 */
export function parseMapping(input: unknown, columns: readonly string[]): Mapping {
	if (typeof input !== 'object' || input === null)
		throw new MappingError('mapping', 'ingest.not_an_object');
	const m = input as Record<string, unknown>;
	for (const key of Object.keys(m)) {
		if (!KNOWN_FIELDS.has(key)) throw new MappingError(key, 'ingest.unknown_field', { field: key });
	}
	const amount = column('amount', m.amount, columns, false);
	const quantity = column('quantity', m.quantity, columns, false);
	const unitPrice = column('unitPrice', m.unitPrice, columns, false);
	if (!amount && !(quantity && unitPrice)) {
		throw new MappingError('amount', 'ingest.amount_needed');
	}
	const mapped = new Set<string>();
	const result: Mapping = {
		customerId: column('customerId', m.customerId, columns, true)!,
		orderDate: column('orderDate', m.orderDate, columns, true)!,
		amount,
		quantity,
		unitPrice,
		orderId: column('orderId', m.orderId, columns, false),
		productId: column('productId', m.productId, columns, false),
		email: column('email', m.email, columns, false),
		phone: column('phone', m.phone, columns, false),
		name: column('name', m.name, columns, false),
		attributes: [],
		dateFormat: oneOf('dateFormat', m.dateFormat, DATE_FORMATS),
		decimalSeparator: oneOf('decimalSeparator', m.decimalSeparator ?? '.', DECIMAL_SEPARATORS),
		customerIdFormat: oneOf('customerIdFormat', m.customerIdFormat ?? 'text', ID_FORMATS),
		refunds: oneOf('refunds', m.refunds ?? 'net', REFUND_POLICIES),
		dropDuplicates: m.dropDuplicates === undefined ? true : m.dropDuplicates === true,
		today: typeof m.today === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(m.today) ? m.today : isoToday()
	};
	for (const role of ROLES) {
		const col = result[role];
		if (col === null) continue;
		if (mapped.has(col))
			throw new MappingError(role, 'ingest.used_twice', { column: JSON.stringify(col) });
		mapped.add(col);
	}
	const attributes = Array.isArray(m.attributes) ? m.attributes : [];
	for (const a of attributes) {
		if (typeof a !== 'string' || !columns.includes(a)) {
			throw new MappingError('attributes', 'ingest.no_attribute_column', {
				column: JSON.stringify(a)
			});
		}
		if (!mapped.has(a) && !result.attributes.includes(a)) result.attributes.push(a);
	}
	return result;
}

/** Today's date as yyyy-mm-dd in UTC. */
export function isoToday(): string {
	return new Date().toISOString().slice(0, 10);
}
