/** A transactions CSV with `n` rows (40–60 bytes each) and 1,000 customers, for size and memory tests. */
export function ordersCsv(n: number): string {
	const lines = ['order_id,customer_id,order_date,amount,channel'];
	for (let i = 0; i < n; i++) {
		const day = String(1 + (i % 28)).padStart(2, '0');
		const month = String(1 + (i % 12)).padStart(2, '0');
		lines.push(`O${i},C${i % 1000},2024-${month}-${day},${(i % 500) + 0.25},channel-${i % 7}`);
	}
	return lines.join('\n') + '\n';
}
