/**
 * Measures loading a large generated CSV in headless Chromium, the way a person would: choose
 * the file, wait for the proposed mapping, apply it, wait for the quality report. Reports the
 * timings, the peak memory of Chromium's processes and whether the tab survived.
 *
 *   npx tsx scripts/measure-large-load.ts [--mb 1024] [--dist DIR] [--timeout-min 60] [--settle-s 3]
 *
 * The CSV is generated once (seeded, so every run writes the same bytes) into
 * `bench/data/orders-<N>mb.csv`. Without `--dist` the site is built into a private directory
 * (`/tmp/segmenta-measure-dist`) so this never touches `dist/`.
 */
import { execFileSync } from 'node:child_process';
import {
	createWriteStream,
	existsSync,
	mkdirSync,
	readdirSync,
	readFileSync,
	renameSync,
	statSync
} from 'node:fs';
import { once } from 'node:events';
import { resolve } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import type { Page } from 'playwright-core';
import { launch, waitForEngine } from '../test/helpers/browser';
import { serveStatic } from '../test/helpers/static-server';
import {
	HEADER,
	mulberry32,
	pad,
	powerLawRank,
	PRODUCTS,
	SPAN_S,
	START_S
} from './lib/orders-data';

// ---------------------------------------------------------------------------------------------
// Arguments

function argument(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	if (i >= 0) return process.argv[i + 1];
	const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
	return inline?.slice(name.length + 3);
}

const MB = Number(argument('mb') ?? 1024);
if (!Number.isFinite(MB) || MB <= 0)
	throw new Error(`--mb must be a positive number, not ${argument('mb')}`);
const DIST = argument('dist');
const TIMEOUT_MS = Number(argument('timeout-min') ?? 60) * 60_000;
/** How long to keep watching after the quality report (what the page does next: previews, analyses). */
const SETTLE_MS = Number(argument('settle-s') ?? 3) * 1000;
const ROOT = resolve(import.meta.dirname, '..');
const CSV = resolve(ROOT, 'bench/data', `orders-${MB}mb.csv`);
const BUILD_DIR = '/tmp/segmenta-measure-dist';

// ---------------------------------------------------------------------------------------------
// The data

const SEED = 20220101;
const CUSTOMERS = 1_000_000;

/**
 * Writes the CSV in ~1 MB chunks through a stream (never the whole file in memory), to a
 * temporary name first so an interrupted run never leaves a truncated file in the cache.
 */
async function generate(
	path: string,
	targetBytes: number
): Promise<{ rows: number; bytes: number }> {
	mkdirSync(resolve(path, '..'), { recursive: true });
	const partial = `${path}.partial`;
	const out = createWriteStream(partial);
	const rand = mulberry32(SEED);
	const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
	const days = new Map<number, string>();
	const dayText = (day: number) => {
		let text = days.get(day);
		if (!text) {
			text = new Date(day * 86_400_000).toISOString().slice(0, 10);
			days.set(day, text);
		}
		return text;
	};
	let bytes = Buffer.byteLength(HEADER);
	let rows = 0;
	let orderId = 10_000_000;
	let chunk = HEADER;
	const started = performance.now();
	let lastLog = started;
	while (bytes < targetBytes) {
		// One order: a customer (power law over ~1M ids, scattered so heavy buyers are not C0000001),
		// a timestamp that advances through two years as the file grows, and 1+ lines.
		orderId++;
		const rank = powerLawRank(rand(), CUSTOMERS, 0.75);
		const customer = `C${pad((rank * 7919 + 12_345) % CUSTOMERS, 7)}`;
		const progress = Math.min(1, bytes / targetBytes);
		let ts = Math.floor(START_S + progress * SPAN_S + (rand() - 0.5) * 7200);
		ts = Math.min(START_S + SPAN_S - 1, Math.max(START_S, ts));
		const secondOfDay = ts % 86_400;
		const when = `${dayText(Math.floor(ts / 86_400))} ${pad(Math.floor(secondOfDay / 3600), 2)}:${pad(Math.floor((secondOfDay % 3600) / 60), 2)}:${pad(secondOfDay % 60, 2)}`;
		// Lines per order: 1 + geometric(1/2), mean 2.
		let lines = 1;
		while (rand() < 0.5) lines++;
		for (let l = 0; l < lines; l++) {
			const product = `P${pad(1000 + ((powerLawRank(rand(), PRODUCTS, 1.1) * 3571) % PRODUCTS), 4)}`;
			const quantity = rand() < 0.7 ? 1 : 2 + Math.floor(rand() * rand() * 8);
			let cents = Math.max(50, Math.round(2900 * Math.exp(0.9 * normal()) * quantity));
			if (rand() < 0.01) cents = -cents; // a refund
			const amount = `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${pad(Math.abs(cents) % 100, 2)}`;
			const line = `${orderId},${customer},${when},${amount},${product},${quantity}\n`;
			chunk += line;
			bytes += line.length; // ASCII only
			rows++;
		}
		if (chunk.length >= 1 << 20) {
			if (!out.write(chunk)) await once(out, 'drain');
			chunk = '';
			const now = performance.now();
			if (now - lastLog > 5000) {
				lastLog = now;
				console.log(
					`  generating: ${(bytes / 1048576).toFixed(0)} / ${(targetBytes / 1048576).toFixed(0)} MB`
				);
			}
		}
	}
	out.end(chunk);
	await once(out, 'finish');
	renameSync(partial, path);
	console.log(`  generated in ${((performance.now() - started) / 1000).toFixed(1)} s`);
	return { rows, bytes };
}

function countLines(path: string): number {
	return Number(execFileSync('wc', ['-l', path], { encoding: 'utf8' }).trim().split(/\s+/)[0]);
}

// ---------------------------------------------------------------------------------------------
// Memory: Chromium's processes, read from /proc

interface ProcessSample {
	pid: number;
	kind: string;
	rssKb: number;
	hwmKb: number;
	pssKb: number;
}

/** Proportional set size: shared pages split between the processes sharing them, so sums add up. */
function readPss(pid: number): number {
	try {
		return Number(
			/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0
		);
	} catch {
		return 0;
	}
}

function readStatus(pid: number): { ppid: number; rssKb: number; hwmKb: number } | null {
	try {
		const text = readFileSync(`/proc/${pid}/status`, 'utf8');
		const field = (name: string) =>
			Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(text)?.[1] ?? 0);
		return { ppid: field('PPid'), rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
	} catch {
		return null;
	}
}

function processKind(pid: number): string {
	try {
		// Chromium's child processes rewrite their command line as one space-separated string.
		const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/);
		const type = args.find((a) => a.startsWith('--type='))?.slice(7);
		const sub = args.find((a) => a.startsWith('--utility-sub-type='))?.slice(19);
		const program = args[0].split('/').pop() || '?';
		if (!type) return program === 'chromium' || program === 'chrome' ? 'browser' : program;
		return sub ? `${type}:${sub.split('.').pop()}` : type;
	} catch {
		return '?';
	}
}

/** Every process descended from this Node process (the Chromium tree), with its RSS and peak RSS. */
function chromiumProcesses(): ProcessSample[] {
	const parents = new Map<number, number>();
	const stats = new Map<number, { rssKb: number; hwmKb: number }>();
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		const s = readStatus(pid);
		if (!s) continue;
		parents.set(pid, s.ppid);
		stats.set(pid, s);
	}
	const descends = (pid: number) => {
		for (let p = parents.get(pid), hops = 0; p && hops < 20; p = parents.get(p), hops++) {
			if (p === process.pid) return true;
		}
		return false;
	};
	const out: ProcessSample[] = [];
	for (const [pid, s] of stats) {
		if (pid !== process.pid && descends(pid))
			out.push({ pid, kind: processKind(pid), pssKb: readPss(pid), ...s });
	}
	return out;
}

/** Samples the Chromium tree and the page's JS heap every `everyMs` until stopped. */
class MemoryWatch {
	peakTotalKb = 0;
	peakTotalAt = 0;
	/** Highest RSS and VmHWM seen per process. */
	perProcess = new Map<
		number,
		{ kind: string; peakRssKb: number; hwmKb: number; lastSeen: number }
	>();
	peakPageHeap = 0;
	last: { at: number; totalKb: number; rendererKb: number } | null = null;
	timeline: { t: number; totalMb: number; rendererMb: number; progress: string }[] = [];
	private timer: NodeJS.Timeout | null = null;
	private pageHeapTimer: NodeJS.Timeout | null = null;
	progressText = '';

	constructor(private readonly t0: number) {}

	start(page: Page, everyMs = 500) {
		let lastTimeline = -Infinity;
		this.timer = setInterval(() => {
			const now = performance.now();
			const procs = chromiumProcesses();
			let total = 0;
			let renderer = 0;
			for (const p of procs) {
				total += p.pssKb;
				if (p.kind === 'renderer') renderer = Math.max(renderer, p.rssKb);
				const prev = this.perProcess.get(p.pid);
				this.perProcess.set(p.pid, {
					kind: p.kind,
					peakRssKb: Math.max(prev?.peakRssKb ?? 0, p.rssKb),
					hwmKb: Math.max(prev?.hwmKb ?? 0, p.hwmKb),
					lastSeen: now
				});
			}
			if (total > this.peakTotalKb) {
				this.peakTotalKb = total;
				this.peakTotalAt = now - this.t0;
			}
			this.last = { at: now - this.t0, totalKb: total, rendererKb: renderer };
			if (now - lastTimeline >= 10_000) {
				lastTimeline = now;
				this.timeline.push({
					t: Math.round((now - this.t0) / 1000),
					totalMb: Math.round(total / 1024),
					rendererMb: Math.round(renderer / 1024),
					progress: this.progressText
				});
				console.log(
					`  t=${Math.round((now - this.t0) / 1000)}s chromium PSS ${Math.round(total / 1024)} MB (largest renderer RSS ${Math.round(renderer / 1024)} MB) ${this.progressText}`
				);
			}
		}, everyMs);
		// The page's main-thread JS heap and the progress bar: the main thread stays free while
		// DuckDB works in the worker, so these answer promptly.
		this.pageHeapTimer = setInterval(async () => {
			try {
				const probe = await page.evaluate(() => {
					const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory;
					const bar = document.querySelector<HTMLProgressElement>(
						'[data-testid=progress] progress'
					);
					const label = document.querySelector('[data-testid=progress] .row')?.textContent ?? '';
					return {
						heap: memory?.usedJSHeapSize ?? 0,
						progress: bar
							? `${label.replace(/\s+/g, ' ').trim()} ${bar.hasAttribute('value') ? Math.round(bar.position * 100) + '%' : ''}`
							: ''
					};
				});
				this.peakPageHeap = Math.max(this.peakPageHeap, probe.heap);
				this.progressText = probe.progress;
			} catch {
				// The page is gone or navigating; the crash handler reports it.
			}
		}, 1000);
	}

	stop() {
		if (this.timer) clearInterval(this.timer);
		if (this.pageHeapTimer) clearInterval(this.pageHeapTimer);
	}
}

// ---------------------------------------------------------------------------------------------
// The measurement

const mb = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;
const kbMb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
const secs = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(1)} s`);

async function main() {
	console.log(`== Segmenta large-load measurement: ${MB} MB CSV ==`);
	const loadAtStart = loadavg()
		.map((l) => l.toFixed(2))
		.join(' ');

	// 1. The data.
	if (existsSync(CSV)) {
		console.log(`Using the cached ${CSV}`);
	} else {
		console.log(`Generating ${CSV}`);
		await generate(CSV, MB * 1048576);
	}
	const fileBytes = statSync(CSV).size;
	const dataRows = countLines(CSV) - 1;
	console.log(
		`  ${dataRows.toLocaleString('en')} rows, ${fileBytes.toLocaleString('en')} bytes (${mb(fileBytes)})`
	);

	// 2. The site.
	let dist = DIST ? resolve(DIST) : BUILD_DIR;
	if (!DIST) {
		console.log(`Building the site into ${BUILD_DIR}`);
		try {
			execFileSync('npx', ['vite', 'build', '--outDir', BUILD_DIR, '--emptyOutDir'], {
				cwd: ROOT,
				stdio: 'pipe'
			});
		} catch (e) {
			const err = e as { stdout?: Buffer; stderr?: Buffer };
			console.error(String(err.stdout ?? ''), String(err.stderr ?? ''));
			throw new Error('vite build failed', { cause: e });
		}
	}
	dist = resolve(dist);
	if (!existsSync(resolve(dist, 'index.html')))
		throw new Error(`${dist} has no index.html: build the site first`);

	// 3. Server and browser.
	const site = await serveStatic(dist, '/measure/');
	const browser = await launch();
	const { page, context } = browser;
	const t0 = performance.now();
	const watch = new MemoryWatch(t0);
	const events: string[] = [];
	let crashed = false;
	let crash!: () => void;
	const crashedPromise = new Promise<void>((ok) => (crash = ok));
	page.on('crash', () => {
		crashed = true;
		events.push(`${secs(performance.now() - t0)} page crashed (renderer process gone)`);
		crash();
	});
	page.on('pageerror', (e) =>
		events.push(`${secs(performance.now() - t0)} pageerror: ${e.message}`)
	);
	page.on('console', (m) => {
		if (m.type() === 'error' || m.type() === 'warning')
			events.push(`${secs(performance.now() - t0)} console.${m.type()}: ${m.text().slice(0, 300)}`);
	});
	page.on('worker', (w) => {
		events.push(`${secs(performance.now() - t0)} worker started: ${w.url().split('/').pop()}`);
		w.on('close', () =>
			events.push(`${secs(performance.now() - t0)} worker closed: ${w.url().split('/').pop()}`)
		);
	});

	let outcome: string;
	const counts: Record<string, string | null> = {};
	let marks: [string, number][] = [];
	let chosenAt = 0;
	let mappingAt: number | null = null;
	let appliedAt: number | null = null;
	let reportAt: number | null = null;
	let fileSeen: { name: string; size: number } | null = null;
	let setInputFilesMs = 0;
	let nodeRssGrowth = 0;
	let browserVersion = '';
	try {
		await page.goto(site.url);
		await waitForEngine(page);
		browserVersion =
			(await page.evaluate(() => navigator.userAgent)).match(/Chrome\/[\d.]+/)?.[0] ?? '';
		const engineText = (await page.getByTestId('engine-status').textContent())?.trim();
		console.log(`Engine: ${engineText} in ${browserVersion}`);
		watch.start(page);

		// Note what File the page receives: its size proves it is the whole on-disk file.
		await page.evaluate(() => {
			const input = document.querySelector<HTMLInputElement>('[data-testid=file-input]')!;
			input.addEventListener('change', () => {
				const f = input.files?.[0];
				(window as unknown as { __chosen: unknown }).__chosen = f
					? { name: f.name, size: f.size }
					: null;
			});
		});

		// 4. Choose the file, as a person would. For a local browser Playwright passes the path
		// to Chromium (DOM.setFileInputFiles), so the page gets a disk-backed File; Node's RSS
		// growth below shows the file was not read into this process.
		const rssBefore = process.memoryUsage().rss;
		chosenAt = performance.now();
		await page.getByTestId('file-input').setInputFiles(CSV);
		setInputFilesMs = performance.now() - chosenAt;
		nodeRssGrowth = process.memoryUsage().rss - rssBefore;
		fileSeen = await page.evaluate(
			() => (window as unknown as { __chosen: { name: string; size: number } | null }).__chosen
		);
		console.log(
			`File chosen: setInputFiles took ${secs(setInputFilesMs)}; the page sees ${fileSeen?.name} of ${fileSeen?.size.toLocaleString('en')} bytes; Node RSS grew ${mb(nodeRssGrowth)}`
		);

		const waitFor = async (testid: string) => {
			const done = page.locator(`[data-testid=${testid}], [data-testid=error]`).first();
			await Promise.race([
				done.waitFor({ timeout: TIMEOUT_MS }),
				crashedPromise.then(() => {
					throw new Error('the page crashed');
				})
			]);
			const error = (await page.getByTestId('error').count())
				? await page.getByTestId('error').first().textContent()
				: null;
			if (error) throw new Error(`the page shows an error: ${error.replace(/\s+/g, ' ').trim()}`);
		};

		await waitFor('mapping');
		mappingAt = performance.now();
		console.log(`Mapping shown after ${secs(mappingAt - chosenAt)}`);
		const roles = await page.evaluate(() =>
			Array.from(document.querySelectorAll<HTMLSelectElement>('[data-testid^=role-]')).map(
				(s) => `${s.dataset.testid?.slice(5)}=${s.value || '∅'}`
			)
		);
		console.log(`  proposed mapping: ${roles.join(', ')}`);

		appliedAt = performance.now();
		await page.getByTestId('apply-mapping').click();
		await waitFor('quality-report');
		reportAt = performance.now();
		console.log(`Quality report shown after ${secs(reportAt - appliedAt)}`);
		for (const id of [
			'rows-read',
			'rows-used',
			'rows-set-aside',
			'customers',
			'orders',
			'date-range',
			'total-amount',
			'adds-up'
		]) {
			counts[id] =
				(
					await page
						.getByTestId(id)
						.textContent({ timeout: 5000 })
						.catch(() => null)
				)
					?.replace(/\s+/g, ' ')
					.trim() ?? null;
		}
		const reasons = await page.evaluate(() =>
			Array.from(document.querySelectorAll('[data-testid^=reason-]')).map(
				(r) =>
					`${r.getAttribute('data-testid')?.slice(7)} ${r.querySelector('td:last-child')?.textContent?.trim() ?? '?'}`
			)
		);
		counts['reasons'] = reasons.join(' | ');
		// Let what follows the report (previews, analyses) run, then check the tab is still alive.
		await Promise.race([page.waitForTimeout(SETTLE_MS), crashedPromise]);
		if (crashed) throw new Error('the page crashed after the report');
		const stillError = (await page.getByTestId('error').count())
			? await page.getByTestId('error').first().textContent()
			: null;
		outcome = stillError
			? `loaded, then error: ${stillError.replace(/\s+/g, ' ').trim()}`
			: 'loaded';
	} catch (e) {
		outcome = crashed
			? 'CRASH (renderer process gone)'
			: `FAILED: ${(e as Error).message.split('\n')[0]}`;
	} finally {
		if (!crashed) {
			marks = await page
				.evaluate(() =>
					performance.getEntriesByType('mark').map((m) => [m.name, m.startTime] as [string, number])
				)
				.catch(() => []);
		}
		// One last sample, then the kernel's peak RSS for every process still alive.
		await new Promise((ok) => setTimeout(ok, 600));
		watch.stop();
	}
	const endAt = performance.now();

	// 5. The report.
	const perProcess = [...watch.perProcess.entries()].sort((a, b) => b[1].hwmKb - a[1].hwmKb);
	const renderer = perProcess.find(([, p]) => p.kind === 'renderer');
	const mark = (name: string) => marks.find(([n]) => n === `segmenta:${name}`)?.[1] ?? null;
	const markGap = (a: string, b: string) => {
		const x = mark(a);
		const y = mark(b);
		return x === null || y === null ? null : y - x;
	};
	const lines = [
		'',
		'==================== Segmenta large-load report ====================',
		`File            ${CSV}`,
		`Size            ${fileBytes.toLocaleString('en')} bytes (${mb(fileBytes)}), ${dataRows.toLocaleString('en')} data rows`,
		`Browser         ${browserVersion} headless (/usr/bin/chromium via playwright-core), site from ${dist}`,
		`File handed in  setInputFiles(path) ${secs(setInputFilesMs)}; page saw ${fileSeen ? `${fileSeen.name}, ${fileSeen.size.toLocaleString('en')} bytes` : 'nothing'}; Node RSS +${mb(nodeRssGrowth)}`,
		`Machine         ${cpus().length} CPUs, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM; load average at start ${loadAtStart}, at end ${loadavg()
			.map((l) => l.toFixed(2))
			.join(' ')} (other work on the machine slows the timings)`,
		`Outcome         ${outcome}`,
		`Rows            read ${counts['rows-read'] ?? '—'}, used ${counts['rows-used'] ?? '—'}, set aside ${counts['rows-set-aside'] ?? '—'} (${counts['adds-up'] ?? '—'})`,
		`                customers ${counts.customers ?? '—'}, orders ${counts.orders ?? '—'}, ${counts['date-range'] ?? '—'}, total ${counts['total-amount'] ?? '—'}`,
		`                reasons: ${counts.reasons ?? '—'}`,
		`Time to mapping ${secs(mappingAt === null ? null : mappingAt - chosenAt)}  (file chosen → mapping shown, wall clock from Node)`,
		`Time to report  ${secs(reportAt === null || appliedAt === null ? null : reportAt - appliedAt)}  (apply clicked → quality report shown)`,
		`Total           ${secs(reportAt === null ? null : reportAt - chosenAt)}  (file chosen → report${reportAt === null ? `; ran ${secs(endAt - chosenAt)} before stopping` : ''})`,
		`Page marks      file-chosen→mapping-detected ${secs(markGap('file-chosen', 'mapping-detected'))}, mapping-detected→table-loaded ${secs(markGap('mapping-detected', 'table-loaded'))} (includes the click), file-chosen→table-loaded ${secs(markGap('file-chosen', 'table-loaded'))}`,
		`                ${marks.map(([n, t]) => `${n}@${(t / 1000).toFixed(2)}s`).join(', ') || '(none read)'}`,
		`Peak memory     Chromium process tree, summed PSS sampled every 0.5 s: ${kbMb(watch.peakTotalKb)} at t=${secs(watch.peakTotalAt)}`,
		`                page renderer (hosts the page and the DuckDB worker, wasm heap included): peak RSS ${renderer ? kbMb(renderer[1].peakRssKb) : '—'}, kernel VmHWM ${renderer ? kbMb(renderer[1].hwmKb) : '—'}`,
		`                page main-thread JS heap (performance.memory.usedJSHeapSize) peak ${mb(watch.peakPageHeap)}`,
		`                last sample t=${secs(watch.last?.at ?? null)}: tree PSS ${kbMb(watch.last?.totalKb ?? 0)}, largest renderer RSS ${kbMb(watch.last?.rendererKb ?? 0)}`,
		`Processes       ${perProcess
			.slice(0, 6)
			.map(([pid, p]) => `${p.kind}#${pid} HWM ${kbMb(p.hwmKb)}`)
			.join('; ')}`,
		`Events          ${events.length ? events.join('\n                ') : '(none)'}`,
		'===================================================================='
	];
	console.log(lines.join('\n'));

	await browser.close().catch(() => {});
	await site.close().catch(() => {});
	void context;
	process.exitCode = outcome.startsWith('loaded') ? 0 : 1;
}

main().catch((e) => {
	console.error(e);
	process.exit(2);
});
