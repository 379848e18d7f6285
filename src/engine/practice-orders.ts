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

/**
 * About `rows` lines of CSV text (header first), the same for the same seed, in pieces of about
 * `chunkLines` whole lines each, so whoever writes it can let other work in between: 200,000
 * lines take 0.5–0.7 s to make.
 */
export function* practiceOrderChunks(rows: number, seed = 7, chunkLines = 20_000): Generator<string> {
	const random = mulberry32(seed);
	let lines = ['order_id,customer_id,order_date,amount,product_id,quantity'];
	let made = 0;
	let order = 100_000;
	for (let customer = 1; made + lines.length <= rows; customer++) {
		const id = `C${pad(customer, 6)}`;
		let day = Math.floor(random() * SPAN_DAYS);
		// Most people buy once; a few come back again and again.
		const orders = 1 + Math.floor(-Math.log(1 - random()) * 3);
		for (let o = 0; o < orders && day < SPAN_DAYS && made + lines.length <= rows; o++) {
			order++;
			const at = timestamp(START_MS + day * DAY_MS + Math.floor(random() * DAY_MS));
			const items = 1 + Math.floor(random() * 4);
			for (let i = 0; i < items; i++) {
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
			day += 1 + Math.floor(-Math.log(1 - random()) * 60);
		}
		if (lines.length >= chunkLines) {
			yield lines.join('\n') + '\n';
			made += lines.length;
			lines = [];
		}
	}
	if (lines.length) yield lines.join('\n') + '\n';
}
