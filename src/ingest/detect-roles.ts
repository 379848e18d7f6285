/**
 * Proposes a mapping from header names (English and Chinese) and the values under them.
 * Every guess can be overridden in the mapping form.
 *
 * Over 300 lines: most of it is the tables of English and Chinese header synonyms per role,
 * which read best in one place.
 */
import {
	guessDateFormat,
	guessDecimalSeparator,
	guessIdFormat,
	isMissing,
	numericShare,
	type DateGuess
} from './detect-formats';
import { msg, type Message } from '../i18n/message';
import { CONTACT_ROLES, isoToday, ROLES, type Mapping, type Role } from './mapping';

/** A mapping that may still lack its required columns. */
export type MappingDraft = Omit<Mapping, 'customerId' | 'orderDate'> & {
	customerId: string | null;
	orderDate: string | null;
};

/** A proposed mapping plus what the person should check. */
export interface MappingGuess {
	draft: MappingDraft;
	/** True when day/month order could not be decided from the data. */
	dateAmbiguous: boolean;
	/** Plain-language notes, e.g. "No column looks like a customer id". */
	notes: Message[];
}

// Header names normalised by `normaliseHeader`; earlier entries are stronger.
const SYNONYMS: Record<Role, string[]> = {
	customerId: [
		'customerid',
		'custid',
		'customer',
		'cust',
		'clientid',
		'client',
		'userid',
		'user',
		'memberid',
		'member',
		'buyerid',
		'buyer',
		'accountid',
		'account',
		'customerno',
		'customernumber',
		'contactid',
		'kunde',
		'kundennummer',
		'kundenid',
		'cliente',
		'idcliente',
		'客户id',
		'客户编号',
		'客户编码',
		'客户号',
		'客户',
		'会员编号',
		'会员id',
		'会员号',
		'会员卡号',
		'会员',
		'用户id',
		'用户编号',
		'用户名',
		'用户',
		'买家id',
		'买家昵称',
		'买家',
		'顾客id',
		'顾客编号',
		'顾客'
	],
	orderDate: [
		'orderdate',
		'invoicedate',
		'purchasedate',
		'transactiondate',
		'orderdatetime',
		'ordertime',
		'date',
		'datetime',
		'createdat',
		'timestamp',
		'time',
		'paymentdate',
		'paidat',
		'saledate',
		'datum',
		'bestelldatum',
		'fecha',
		'data',
		'下单时间',
		'付款时间',
		'支付时间',
		'订单日期',
		'订单时间',
		'交易时间',
		'交易日期',
		'购买时间',
		'购买日期',
		'创建时间',
		'成交时间',
		'日期',
		'时间'
	],
	amount: [
		'amount',
		'orderamount',
		'totalamount',
		'total',
		'revenue',
		'sales',
		'salesamount',
		'value',
		'ordervalue',
		'dollarvalue',
		'linetotal',
		'netamount',
		'paid',
		'paidamount',
		'payment',
		'gmv',
		'price_total',
		'spend',
		'betrag',
		'umsatz',
		'montant',
		'importe',
		'valor',
		'实付金额',
		'实收金额',
		'支付金额',
		'付款金额',
		'订单金额',
		'消费金额',
		'成交金额',
		'销售额',
		'销售金额',
		'应付金额',
		'总金额',
		'总价',
		'金额'
	],
	quantity: [
		'quantity',
		'qty',
		'units',
		'numberofcds',
		'count',
		'menge',
		'数量',
		'购买数量',
		'件数',
		'销量'
	],
	unitPrice: ['unitprice', 'price', 'itemprice', 'priceeach', '单价', '商品单价', '价格', '售价'],
	orderId: [
		'orderid',
		'invoiceno',
		'invoice',
		'invoiceid',
		'invoicenumber',
		'orderno',
		'ordernumber',
		'order',
		'transactionid',
		'transaction',
		'receiptid',
		'receipt',
		'bestellnummer',
		'basketid',
		'pedido',
		'订单号',
		'订单编号',
		'订单id',
		'订单',
		'交易号',
		'交易单号',
		'流水号',
		'单号'
	],
	productId: [
		'productid',
		'stockcode',
		'sku',
		'itemid',
		'productcode',
		'product',
		'item',
		'article',
		'artikel',
		'produkt',
		'produit',
		'producto',
		'商品编码',
		'商品id',
		'商品编号',
		'商品',
		'货号',
		'产品编码',
		'产品id',
		'产品'
	],
	email: [
		'email',
		'emailaddress',
		'mail',
		'mailaddress',
		'customeremail',
		'contactemail',
		'邮箱',
		'电子邮件',
		'电子邮箱',
		'邮箱地址',
		'邮件地址',
		'邮件'
	],
	phone: [
		'phone',
		'mobile',
		'phonenumber',
		'mobilenumber',
		'mobilephone',
		'cellphone',
		'cell',
		'telephone',
		'tel',
		'手机',
		'手机号',
		'手机号码',
		'电话',
		'联系电话',
		'电话号码',
		'联系方式'
	],
	name: [
		'name',
		'fullname',
		'customername',
		'contactname',
		'firstname',
		'姓名',
		'昵称',
		'名字',
		'客户姓名',
		'客户名称',
		'收货人',
		'联系人'
	]
};

/** Lower-cases and drops spaces, underscores, hyphens, dots and brackets. */
export function normaliseHeader(name: string): string {
	return name.toLowerCase().replace(/[\s_\-.()（）[\]#:：/]/g, '');
}

function headerScore(role: Role, header: string): number {
	const h = normaliseHeader(header);
	const list = SYNONYMS[role];
	const exact = list.indexOf(h);
	if (exact >= 0) return 100 - exact;
	// Chinese headers often carry a suffix or prefix: 订单实付金额(元).
	const partial = list.findIndex(
		(s) => s.length >= 2 && /[\u0080-\uffff]/.test(s) && h.includes(s)
	);
	if (partial >= 0) return 50 - partial;
	// A contact's short words hide in other headers (Product Name, Username): five letters or more.
	const shortest = (CONTACT_ROLES as readonly Role[]).includes(role) ? 5 : 4;
	const word = list.findIndex((s) => s.length >= shortest && h.includes(s));
	return word >= 0 ? 40 - word : 0;
}

interface ColumnProfile {
	name: string;
	values: string[];
	date: DateGuess | null;
	numeric: number;
	decimals: boolean;
	distinct: number;
}

function profile(name: string, values: string[]): ColumnProfile {
	const present = values.filter((v) => !isMissing(v));
	const decimal = guessDecimalSeparator(present);
	return {
		name,
		values: present,
		date: guessDateFormat(present),
		numeric: numericShare(present, decimal),
		decimals: present.some((v) => /[.,]\d{1,2}\)?$/.test(v.trim())),
		distinct: new Set(present).size
	};
}

/**
 * Guesses the mapping. `sample` rows are aligned with `columns`, with null for missing cells.
 */
export function guessMapping(
	columns: readonly string[],
	sample: readonly (readonly (string | null)[])[],
	today = isoToday()
): MappingGuess {
	const profiles = columns.map((name, i) =>
		profile(
			name,
			sample.map((row) => row[i] ?? '').filter((v): v is string => v !== null)
		)
	);
	const taken = new Set<string>();
	const pick: Partial<Record<Role, string>> = {};
	const fits: Record<Role, (p: ColumnProfile) => boolean> = {
		customerId: (p) => p.date === null && p.values.length > 0,
		orderDate: (p) => p.date !== null,
		amount: (p) => p.numeric >= 0.8 && p.date === null,
		quantity: (p) => p.numeric >= 0.8 && p.date === null,
		unitPrice: (p) => p.numeric >= 0.8 && p.date === null,
		orderId: (p) => p.date === null,
		productId: (p) => p.date === null,
		// Any column: a phone number can look like a Unix time, a name like anything.
		email: () => true,
		phone: () => true,
		name: () => true
	};
	// Headers first, strongest match wins, each column used once.
	const candidates = ROLES.flatMap((role) =>
		profiles.map((p) => ({ role, p, score: fits[role](p) ? headerScore(role, p.name) : 0 }))
	)
		.filter((c) => c.score > 0)
		.sort((a, b) => b.score - a.score);
	for (const c of candidates) {
		if (pick[c.role] || taken.has(c.p.name)) continue;
		pick[c.role] = c.p.name;
		taken.add(c.p.name);
	}
	// Then values, for files without (recognisable) headers, such as CDNOW's.
	const free = () => profiles.filter((p) => !taken.has(p.name));
	const take = (role: Role, p: ColumnProfile | undefined) => {
		if (!p || pick[role]) return;
		pick[role] = p.name;
		taken.add(p.name);
	};
	if (!pick.orderDate)
		take(
			'orderDate',
			free().find((p) => p.date !== null && p.date.share > 0.95)
		);
	if (!pick.amount && !(pick.quantity && pick.unitPrice)) {
		take(
			'amount',
			free()
				.filter((p) => p.numeric > 0.95 && p.decimals)
				.at(-1)
		);
	}
	// Only a file without a header (DuckDB names its columns column0, column1...) gets a customer
	// column chosen from values alone; with real headers an unknown name is not a guess to make.
	const headerless = columns.every((c) => /^column\d+$/.test(c));
	if (!pick.customerId && headerless) {
		take(
			'customerId',
			free().find((p) => p.date === null && p.distinct > 1 && !p.decimals)
		);
	}
	const dateProfile = profiles.find((p) => p.name === pick.orderDate);
	const money = [pick.amount, pick.unitPrice].filter(Boolean);
	const moneyValues = profiles.filter((p) => money.includes(p.name)).flatMap((p) => p.values);
	const customerValues = profiles.find((p) => p.name === pick.customerId)?.values ?? [];
	const draft: MappingDraft = {
		customerId: pick.customerId ?? null,
		orderDate: pick.orderDate ?? null,
		amount: pick.amount ?? null,
		quantity: pick.quantity ?? null,
		unitPrice: pick.unitPrice ?? null,
		orderId: pick.orderId ?? null,
		productId: pick.productId ?? null,
		email: pick.email ?? null,
		phone: pick.phone ?? null,
		name: pick.name ?? null,
		attributes: profiles.filter((p) => !taken.has(p.name)).map((p) => p.name),
		dateFormat: dateProfile?.date?.format ?? 'iso',
		decimalSeparator: guessDecimalSeparator(moneyValues),
		customerIdFormat: guessIdFormat(customerValues),
		refunds: 'net',
		// Without an order id, two identical lines can be two real purchases (CDNOW has 255).
		dropDuplicates: pick.orderId !== undefined,
		today
	};
	const notes: Message[] = [];
	if (!draft.customerId) notes.push(msg('ingest.note_no_customer'));
	if (!draft.orderDate) notes.push(msg('ingest.note_no_date'));
	if (!draft.amount && !(draft.quantity && draft.unitPrice))
		notes.push(msg('ingest.note_no_amount'));
	const dateAmbiguous = dateProfile?.date?.ambiguous ?? false;
	return { draft, dateAmbiguous, notes };
}
