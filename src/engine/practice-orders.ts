/**
 * A made-up order log for the engine's rehearsal (see `rehearsal.ts`): shaped like a real export
 * (repeat buyers, several lines per order, refunds, a few blank ids, unreadable dates and exact
 * copies) so every step of loading and every cell runs the code a real file will need.
 */
import { mulberry32 } from '../models/random';

const DAY_MS = 86_400_000;
const START_MS = Date.UTC(2023, 0, 1);
const SPAN_DAYS = 730;

function pad(n: number, width: number): string {
	return String(n).padStart(width, '0');
}

function timestamp(ms: number): string {
	return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** Lines per order, on average: 1 to 4 items. */
const LINES_PER_ORDER = 2.5;

/**
 * About `rows` lines of CSV text (header first), the same for the same seed, in pieces of about
 * `chunkLines` whole lines each, so whoever writes it can let other work in between.
 *
 * In time order, customers interleaved, as exports are: a log written customer by customer
 * reaches DuckDB already grouped and sorted, and a real file then runs code the rehearsal never
 * had.
 */
export function* practiceOrderChunks(
	rows: number,
	seed = 7,
	chunkLines = 20_000
): Generator<string> {
	const random = mulberry32(seed);
	// A skewed draw from the pool: at 500,000 rows a quarter of the customers buy once and the
	// top fifth place half the orders.
	const customers = Math.max(1, Math.round(rows / 7));
	// The rows run out a few weeks before the span ends, so no day is written twice.
	const ordersPerDay = rows / LINES_PER_ORDER / (SPAN_DAYS * 0.95);
	let lines = ['order_id,customer_id,order_date,amount,product_id,quantity'];
	let made = 0;
	let order = 100_000;
	let due = 0;
	for (let day = 0; made + lines.length <= rows; day++) {
		due += ordersPerDay;
		const times = Array.from({ length: Math.floor(due) }, () => Math.floor(random() * DAY_MS)).sort(
			(a, b) => a - b
		);
		due -= times.length;
		for (const time of times) {
			if (made + lines.length > rows) break;
			order++;
			const id = `C${pad(1 + Math.floor(customers * random() ** 2), 6)}`;
			const at = timestamp(START_MS + Math.min(day, SPAN_DAYS - 1) * DAY_MS + time);
			const items = 1 + Math.floor(random() * 4);
			for (let i = 0; i < items && made + lines.length <= rows; i++) {
				const n = made + lines.length;
				const quantity = 1 + Math.floor(random() * 3);
				const price = Math.exp(1 + random() * 3);
				const refund = n % 53 === 0 ? '-' : '';
				const who = n % 997 === 0 ? '' : id;
				const when = n % 1499 === 0 ? 'n/a' : at;
				const line = `${order},${who},${when},${refund}${(price * quantity).toFixed(2)},P${pad(Math.floor(random() ** 2 * 500), 3)},${quantity}`;
				lines.push(line);
				if (n % 1777 === 0) lines.push(line);
			}
		}
		if (lines.length >= chunkLines) {
			yield lines.join('\n') + '\n';
			made += lines.length;
			lines = [];
		}
	}
	if (lines.length) yield lines.join('\n') + '\n';
}
