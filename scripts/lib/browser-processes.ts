/**
 * The browsers this Node process launched, seen from `/proc`: their peak memory and the CPU they
 * used, counted over every process (and so every thread) descended from this one.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks per second, the unit of `/proc/<pid>/stat`'s CPU times. */
const TICKS = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

interface Proc {
	pid: number;
	parent: number;
	status: string;
	cmd: string;
	/** User + system CPU of all its threads, in seconds. */
	cpuS: number;
}

function processes(): Proc[] {
	const all: Proc[] = [];
	for (const entry of readdirSync('/proc')) {
		const pid = Number(entry);
		if (!Number.isInteger(pid)) continue;
		try {
			const status = readFileSync(`/proc/${pid}/status`, 'utf8');
			const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			// Fields after the command name (which may hold spaces), from the closing parenthesis.
			const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
			const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
			const cpuS = (Number(fields[11]) + Number(fields[12])) / TICKS;
			const parent = Number(/^PPid:\s+(\d+)/m.exec(status)?.[1] ?? 0);
			all.push({ pid, parent, status, cmd, cpuS });
		} catch {
			// The process ended while we looked.
		}
	}
	const parents = new Map(all.map((p) => [p.pid, p.parent]));
	const ours = (pid: number) => {
		for (let p = parents.get(pid), hops = 0; p && hops < 20; p = parents.get(p), hops++) {
			if (p === process.pid) return true;
		}
		return false;
	};
	return all.filter((p) => ours(p.pid));
}

/** Peak RSS (VmHWM, kB) of the largest renderer process descended from this Node process. */
export function peakRendererKb(): number | null {
	const peaks = processes()
		.filter((p) => /--type=renderer/.test(p.cmd))
		.map((p) => Number(/^VmHWM:\s+(\d+)/m.exec(p.status)?.[1] ?? 0));
	return peaks.length ? Math.max(...peaks) : null;
}

/**
 * CPU seconds (user + system, all threads) used so far by every Chromium process descended from
 * this Node process. A difference of two readings is what the browser spent between them; a
 * process that ended in between takes its time with it, so read while the browser is open.
 */
export function browserCpuSeconds(): number {
	return processes()
		.filter((p) => /chrom/i.test(p.cmd.split('\0')[0]))
		.reduce((sum, p) => sum + p.cpuS, 0);
}
