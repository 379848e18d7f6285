/**
 * Generates the demo data `public/sample/orders.csv` and its README: a synthetic two-year
 * e-commerce transaction log (2023-01-01 .. 2024-12-31) with refunds and a few dirty rows.
 * Run with `npm run sample`. A fixed seed and UTC-only date arithmetic make every run, in any
 * time zone, write the same bytes.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

const OUT = 'public/sample';
const SEED = 20230101;
const CUSTOMERS = 3000;
const START = Date.UTC(2023, 0, 1);
const DAYS = 731;
const DAY = 86_400;
const HEADER =
	'order_id,customer_id,order_date,product_id,category,quantity,unit_price,amount,channel,city';
const DIRTY = { emptyCustomer: 12, badDate: 5, badAmount: 4, duplicate: 6, future: 3 };
const BAD_DATES = ['not a date', '0000-00-00 00:00:00', 'unknown', '#VALUE!', 'not a date'];
const BAD_AMOUNTS = ['n/a', '#VALUE!', 'abc', 'n/a'];

function mulberry32(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

const rand = mulberry32(SEED);
const int = (lo: number, hi: number): number => lo + Math.floor(rand() * (hi - lo + 1));
const normal = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
const lognormal = (median: number, sigma: number): number => median * Math.exp(sigma * normal());

/** Marsaglia-Tsang; shapes below 1 use the U^(1/shape) boost. */
function gamma(shape: number, scale: number): number {
	if (shape < 1) return gamma(shape + 1, scale) * Math.pow(rand(), 1 / shape);
	const d = shape - 1 / 3;
	const c = 1 / Math.sqrt(9 * d);
	for (;;) {
		const x = normal();
		const v = Math.pow(1 + c * x, 3);
		if (v > 0 && Math.log(1 - rand()) < 0.5 * x * x + d - d * v + d * Math.log(v)) {
			return d * v * scale;
		}
	}
}

/** Picks an index with probability proportional to its weight (cumulative weights given). */
function pick(cumulative: number[]): number {
	const r = rand() * cumulative[cumulative.length - 1];
	let lo = 0;
	let hi = cumulative.length - 1;
	while (lo < hi) {
		const mid = (lo + hi) >> 1;
		if (cumulative[mid] > r) hi = mid;
		else lo = mid + 1;
	}
	return lo;
}

const cumulate = (weights: number[]): number[] => {
	let sum = 0;
	return weights.map((w) => (sum += w));
};

// Names, product counts, median unit prices (yuan), price spread, refund propensity.
const CATEGORIES: [string, number, number, number, number][] = [
	['apparel', 40, 129, 0.6, 2.5],
	['beauty', 30, 89, 0.6, 1],
	['home', 25, 159, 0.7, 1],
	['food', 30, 39, 0.5, 0.3],
	['electronics', 20, 599, 0.9, 1.5],
	['sports', 20, 199, 0.7, 1.2],
	['books', 20, 45, 0.4, 0.5],
	['baby', 15, 119, 0.6, 0.8]
];
// Cities and channels with their relative shares of customers.
const CITIES =
	'上海 16 北京 15 深圳 11 广州 10 杭州 9 成都 8 南京 6 武汉 6 ' +
	'重庆 5 苏州 5 西安 4 长沙 4 天津 3 郑州 3 青岛 3';
const CHANNELS = 'app 38 wechat 25 web 22 store 15';

/** Splits `name weight name weight ...` into names and cumulative weights for `pick`. */
function table(spec: string): { names: string[]; cumulative: number[] } {
	const parts = spec.split(' ');
	const names = parts.filter((_, i) => i % 2 === 0);
	return { names, cumulative: cumulate(parts.filter((_, i) => i % 2 === 1).map(Number)) };
}

/** Shop-style prices: 39.90, 129.00, 1299.00. */
function shopPrice(yuan: number): number {
	if (yuan < 100) return Math.max(4, Math.floor(yuan)) * 100 + 90;
	if (yuan < 1000) return (Math.round(yuan / 10) * 10 - 1) * 100;
	return (Math.round(yuan / 100) * 100 - 1) * 100;
}

interface Product {
	id: string;
	category: number;
	cents: number;
}

const products: Product[] = CATEGORIES.flatMap(([, count, median, sigma], category) =>
	Array.from({ length: count }, () => ({ category, cents: shopPrice(lognormal(median, sigma)) }))
).map((p, i) => ({ ...p, id: `P${String(i + 1).padStart(4, '0')}` }));
// Zipf-like popularity over a shuffled ranking, so a few products sell most units.
const ranks = products.map((_, i) => [rand(), i] as const).sort((a, b) => a[0] - b[0]);
const popularity = new Array<number>(products.length);
ranks.forEach(([, i], rank) => (popularity[i] = 1 / (rank + 5)));
const allProducts = cumulate(popularity);
const byCategory = CATEGORIES.map((_, c) => {
	const ids = products.flatMap((p, i) => (p.category === c ? [i] : []));
	return { ids, cumulative: cumulate(ids.map((i) => popularity[i])) };
});

interface Day {
	/** Relative number of orders placed on the day. */
	weight: number;
	/** 0 = none, 1 = 618, 2 = 双11, 3 = 双12: promotion days bring discounts and night orders. */
	promo: number;
}

const MONTH = [0.85, 0.7, 0.95, 0.95, 1, 1.15, 0.9, 0.9, 1, 1, 1.45, 1.35];
const days: Day[] = Array.from({ length: DAYS }, (_, i) => {
	const date = new Date(START + i * DAY * 1000);
	const [m, d] = [date.getUTCMonth() + 1, date.getUTCDate()];
	let weight = MONTH[m - 1] * ([0, 6].includes(date.getUTCDay()) ? 1.1 : 1);
	let promo = 0;
	if (m === 6 && d <= 18) [weight, promo] = d === 18 ? [weight * 5, 1] : [weight * 1.3, 1];
	if (m === 11 && d <= 11) [weight, promo] = d === 11 ? [weight * 8, 2] : [weight * 1.5, 2];
	if (m === 11 && d >= 12 && d <= 20) weight *= 0.7;
	if (m === 12 && d === 12) [weight, promo] = [weight * 2.5, 3];
	return { weight, promo };
});
const acquisition = cumulate(days.map((day, i) => day.weight * (0.8 + (0.4 * i) / DAYS)));

interface Line {
	orderId: string;
	customer: string;
	at: number;
	product: Product;
	quantity: number;
	unitCents: number;
	channel: string;
	city: string;
}

interface Order {
	customer: string;
	at: number;
	lines: Omit<Line, 'orderId' | 'customer' | 'at'>[];
}

const cities = table(CITIES);
const channels = table(CHANNELS);
const categoryPick = cumulate(CATEGORIES.map(([, n]) => n));
const LINES = cumulate([0.56, 0.26, 0.12, 0.06]);

// Relative orders per hour of the day: online peaks at lunch and 20-22h, stores open 10-22h.
const ONLINE_HOURS = cumulate([
	3, 1.5, 0.8, 0.4, 0.3, 0.4, 1, 2.5, 4, 5, 5.5, 6, 6.5, 5.5, 5, 5, 5.5, 6, 6.5, 8, 10, 11, 9.5, 6
]);
const STORE_HOURS = cumulate([
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 6, 7, 6, 6, 7, 8, 9, 9, 8, 6, 3, 0, 0
]);

/** Seconds into the day. Promotions start at midnight, and a quarter of their online orders too. */
function timeOfDay(store: boolean, promo: number): number {
	if (!store && promo && rand() < 0.25) return int(0, 3599);
	return pick(store ? STORE_HOURS : ONLINE_HOURS) * 3600 + int(0, 3599);
}

interface Buyer {
	id: string;
	/** Typical quantity per line. */
	spend: number;
	/** Favourite category: half of the buyer's lines come from it. */
	fav: number;
	city: string;
	/** Usual channel, used for three orders in four. */
	channel: number;
}

function makeOrder(buyer: Buyer, day: number): Order {
	const { spend, fav, city } = buyer;
	const channel = channels.names[rand() < 0.75 ? buyer.channel : pick(channels.cumulative)];
	const { promo } = days[day];
	const at = day * DAY + timeOfDay(channel === 'store', promo);
	const seen = new Set<number>();
	const lines: Order['lines'] = [];
	for (let n = pick(LINES) + 1; lines.length < n;) {
		const ofFav = byCategory[fav];
		const i = rand() < 0.5 ? ofFav.ids[pick(ofFav.cumulative)] : pick(allProducts);
		if (seen.has(i)) continue; // one line per product, so no two lines of an order are equal
		seen.add(i);
		const product = products[i];
		const bulk = CATEGORIES[product.category][0] === 'food' ? 2 : 1;
		const quantity = Math.max(1, Math.min(12, Math.round(spend * bulk * lognormal(1, 0.45))));
		const discount = [1, 0.85, 0.8, 0.9][promo] * (rand() < 0.1 ? 0.9 : 1);
		const unitCents = Math.round(product.cents * discount);
		lines.push({ product, quantity, unitCents, channel, city });
	}
	return { customer: buyer.id, at, lines };
}

const orders: Order[] = [];
for (let c = 1; c <= CUSTOMERS; c++) {
	const buyer: Buyer = {
		id: `C${String(c).padStart(6, '0')}`,
		spend: lognormal(0.75, 0.5),
		fav: pick(categoryPick),
		city: cities.names[pick(cities.cumulative)],
		channel: pick(channels.cumulative)
	};
	// Heterogeneous purchase rates and drop-out odds (as in BG/NBD); the chance of coming back
	// also fades with the time since the last order, which leaves many one-time buyers.
	const rate = gamma(0.35, 1 / 5);
	const dropout = 0.03 + 0.5 * rand() * rand();
	const memory = 60 + 200 * rand();
	let last = pick(acquisition);
	orders.push(makeOrder(buyer, last));
	for (let day = last + 1; day < DAYS; day++) {
		const hazard = rate * days[day].weight * Math.exp(-(day - last) / memory);
		if (rand() >= Math.min(0.9, hazard)) continue;
		orders.push(makeOrder(buyer, day));
		last = day;
		if (rand() < dropout) break;
	}
}
// Guest checkouts: the dirty rows with no customer id, each a one-line order.
for (let g = 0; g < DIRTY.emptyCustomer; g++) {
	const city = cities.names[pick(cities.cumulative)];
	const guest: Buyer = { id: '', spend: 0.5, fav: pick(categoryPick), city, channel: 0 };
	const order = makeOrder(guest, pick(acquisition));
	orders.push({ ...order, lines: order.lines.slice(0, 1) });
}

// Order ids count up within each year in time order: O2023000001, O2024000001, ...
const byId = (a: Order, b: Order): number =>
	Number(a.customer > b.customer) - Number(a.customer < b.customer);
orders.sort((a, b) => a.at - b.at || byId(a, b));
const stamp = (at: number): string =>
	new Date(START + at * 1000).toISOString().slice(0, 19).replace('T', ' ');
const perYear = new Map<string, number>();
const lines: Line[] = orders.flatMap((o) => {
	const year = stamp(o.at).slice(0, 4);
	const seq = (perYear.get(year) ?? 0) + 1;
	perYear.set(year, seq);
	const orderId = `O${year}${String(seq).padStart(6, '0')}`;
	return o.lines.map((l) => ({ ...l, orderId, customer: o.customer, at: o.at }));
});

type Kind = 'sale' | 'refund' | 'badDate' | 'badAmount' | 'future';
interface Row extends Line {
	kind: Kind;
	text: string;
}

/** `n` distinct random members of `pool` that pass `accept`, in a seeded order. */
function sample<T>(pool: T[], n: number, accept: (x: T) => boolean = () => true): T[] {
	const chosen = new Set<T>();
	while (chosen.size < n) {
		const x = pool[int(0, pool.length - 1)];
		if (!chosen.has(x) && accept(x)) chosen.add(x);
	}
	return [...chosen];
}

// Bad dates, bad amounts and 2031 dates go on one-line orders, so each spoils one whole order.
const oneLine = lines.filter((l, i) => {
	return l.customer && lines[i - 1]?.orderId !== l.orderId && lines[i + 1]?.orderId !== l.orderId;
});
const dirtyKinds: Kind[] = [
	...Array<Kind>(DIRTY.badDate).fill('badDate'),
	...Array<Kind>(DIRTY.badAmount).fill('badAmount'),
	...Array<Kind>(DIRTY.future).fill('future')
];
const dirtyLines = sample(oneLine, dirtyKinds.length);
const kindOf = new Map<Line, Kind>(dirtyLines.map((l, i) => [l, dirtyKinds[i]]));

// Refunds come 2-14 days after the sale, so only sales that leave room before 2025 qualify.
const END = DAYS * DAY;
const refundable = lines.filter((l) => l.customer && !kindOf.has(l) && l.at < END - 15 * DAY);
const refundCount = Math.round(lines.length * 0.015);
const maxPropensity = Math.max(...CATEGORIES.map((c) => c[4]));
const refunded = sample(refundable, refundCount, (l) => {
	return rand() < CATEGORIES[l.product.category][4] / maxPropensity;
});
const refunds: Line[] = refunded.map((l) => {
	const partial = l.quantity > 1 && rand() < 0.3;
	const quantity = -(partial ? int(1, l.quantity - 1) : l.quantity);
	return { ...l, quantity, at: l.at + int(2, 14) * DAY + int(-4 * 3600, 4 * 3600) };
});

function money(cents: number): string {
	const abs = Math.abs(cents);
	return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
let badDates = 0;
let badAmounts = 0;
const rows: Row[] = [...lines, ...refunds]
	.map((l, i) => ({ l, i }))
	.sort((a, b) => a.l.at - b.l.at || a.i - b.i)
	.map(({ l }) => {
		const kind: Kind = l.quantity < 0 ? 'refund' : (kindOf.get(l) ?? 'sale');
		let date = stamp(l.at);
		let amount = money(l.quantity * l.unitCents);
		if (kind === 'badDate') date = BAD_DATES[badDates++];
		if (kind === 'badAmount') amount = BAD_AMOUNTS[badAmounts++];
		if (kind === 'future') date = '2031' + date.slice(4);
		const { orderId, customer, product, quantity, unitCents, channel, city } = l;
		const cells = [orderId, customer, date, product.id, CATEGORIES[product.category][0]];
		cells.push(String(quantity), money(unitCents), amount, channel, city);
		return { ...l, kind, text: cells.join(',') };
	});

// Exact copies of clean sale lines, each right after its original, as a double export makes.
const saleRows = rows.filter((r) => r.kind === 'sale' && r.customer);
const copies = new Set(sample(saleRows, DIRTY.duplicate));
const text = rows.flatMap((r) => (copies.has(r) ? [r.text, r.text] : [r.text]));

// Every figure below is counted back from the text written, not from the intentions above.
const validDate = (s: string): boolean => {
	const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(s);
	if (!m) return false;
	const [y, mo, d, h, mi, se] = m.slice(1).map(Number);
	const iso = new Date(Date.UTC(y, mo - 1, d, h, mi, se)).toISOString();
	return y >= 1000 && iso.slice(0, 19).replace('T', ' ') === s;
};
const validAmount = (s: string): boolean => /^-?\d+\.\d{2}$/.test(s);
const LAST = '2024-12-31 23:59:59';
const fields = text.map((t) => t.split(','));
const found = {
	rows: text.length,
	emptyCustomer: fields.filter((f) => f[1] === '').length,
	badDate: fields.filter((f) => !validDate(f[2])).length,
	badAmount: fields.filter((f) => !validAmount(f[7])).length,
	duplicate: text.length - new Set(text).size,
	future: fields.filter((f) => validDate(f[2]) && f[2] > LAST).length,
	refunds: fields.filter((f) => validAmount(f[7]) && Number(f[7]) < 0).length,
	customers: new Set(fields.map((f) => f[1]).filter(Boolean)).size,
	orders: new Set(fields.map((f) => f[0])).size
};
for (const key of Object.keys(DIRTY) as (keyof typeof DIRTY)[]) {
	if (found[key] !== DIRTY[key]) throw new Error(`${key}: wrote ${found[key]}, not ${DIRTY[key]}`);
}
if (found.refunds !== refundCount) throw new Error(`refunds: ${found.refunds} != ${refundCount}`);

// What a cleaner that drops dirty rows and nets refunds should find.
const seen = new Set<string>();
const clean = fields.filter((f, i) => {
	const first = !seen.has(text[i]);
	seen.add(text[i]);
	return first && f[1] !== '' && validDate(f[2]) && f[2] <= LAST && validAmount(f[7]);
});
const cents = (f: string[]): number => Math.round(Number(f[7]) * 100);
const spend = new Map<string, number>();
const ordersOf = new Map<string, Set<string>>();
for (const f of clean) {
	spend.set(f[1], (spend.get(f[1]) ?? 0) + cents(f));
	if (cents(f) > 0) ordersOf.set(f[1], (ordersOf.get(f[1]) ?? new Set()).add(f[0]));
}
const ranked = [...spend.values()].sort((a, b) => b - a);
const net = ranked.reduce((a, c) => a + c, 0);
const top20 = ranked.slice(0, Math.round(ranked.length / 5)).reduce((a, c) => a + c, 0);
const dates = clean.map((f) => f[2]).sort();
const csv = `${HEADER}\n${text.join('\n')}\n`;
const stats = {
	cleanRows: clean.length,
	cleanCustomers: spend.size,
	cleanOrders: new Set(clean.map((f) => f[0])).size,
	net: money(net),
	refundTotal: money(clean.reduce((a, f) => a + Math.min(cents(f), 0), 0)),
	first: dates[0],
	last: dates[dates.length - 1],
	oneTimeShare: [...ordersOf.values()].filter((s) => s.size === 1).length / ordersOf.size,
	top20Share: top20 / net,
	bytes: Buffer.byteLength(csv)
};

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;
const list = (xs: string[]): string => [...new Set(xs)].map((x) => `\`${x}\``).join(', ');
const dirtyRows = Object.values(DIRTY).reduce((a, n) => a + n, 0);
const counts: [string, number][] = [
	['rows (order lines; the header not counted)', found.rows],
	['refunds: negative quantity and amount, the sale’s order id, about 2-14 days on', found.refunds],
	['empty `customer_id` (guest orders)', found.emptyCustomer],
	[`unparseable \`order_date\`: ${list(BAD_DATES)}`, found.badDate],
	[`unparseable \`amount\`: ${list(BAD_AMOUNTS)}`, found.badAmount],
	['exact duplicates (a second copy right after the line)', found.duplicate],
	['dated in the future (2031)', found.future]
];
const readme = `# Sample data: orders.csv

A made-up e-commerce transaction log for trying Segmenta without your own data: one row per
order line, 2023-01-01 to 2024-12-31, UTF-8, comma-separated, LF,
${(stats.bytes / 1024 / 1024).toFixed(2)} MB. Columns:

\`${HEADER}\`

Customer ids are text with leading zeros (\`C000123\`), order ids are \`O\` + year + a sequence
(\`O2023000123\`), dates are \`YYYY-MM-DD HH:MM:SS\` without a time zone, and \`amount\` =
\`quantity\` × \`unit_price\` in yuan. Rows are in date order; the dirty ones sit where they were.

## How it is made

\`npm run sample\` runs \`scripts/make-sample.ts\`, which writes \`orders.csv\` and this README from
a fixed seed: the same bytes on every run. Customers arrive over the two years (more later on and
around promotions). Each has a purchase rate and a drop-out chance drawn at random, and the
chance of coming back fades with the time since the last order, so there are many one-time
buyers and a loyal core, and spend per customer is heavy-tailed. Orders follow the season (a
February dip, a November-December peak) with spikes and discounts on 618 (June 18), 双11
(November 11) and 双12 (December 12). Orders have 1 to 4 lines; 200 products in 8 categories sell
with skewed popularity; channels are app, wechat, web and store; cities are written in Chinese.

## Counts

Counted by the script from the file it wrote.

| what | rows |
|---|---:|
${counts.map(([what, n]) => `| ${what} | ${n} |`).join('\n')}

The file holds ${found.customers} distinct customer ids and ${found.orders} distinct order ids.

Setting the ${dirtyRows} dirty rows aside and netting the refunds leaves ${stats.cleanRows} rows,
${stats.cleanCustomers} customers and ${stats.cleanOrders} orders, net amount ${stats.net}
(refunds ${stats.refundTotal}), from ${stats.first} to ${stats.last}.
${pct(stats.oneTimeShare)} of customers bought once; the top 20 % of customers bring
${pct(stats.top20Share)} of the net amount.
`;

mkdirSync(OUT, { recursive: true });
writeFileSync(`${OUT}/orders.csv`, csv);
writeFileSync(`${OUT}/README.md`, readme);
console.log({ ...found, ...stats });
