/**
 * Charts draw when they come near the screen, not all at once when a notebook finishes: Vega
 * renders on the main thread, so drawing twenty charts nobody sees would freeze the page. Printing
 * draws every chart first.
 */
import { nextTask } from '../../lib/next-task';

type Draw = () => Promise<void>;

const pending = new Map<Element, Draw>();
let observer: IntersectionObserver | null = null;

/** Charts on screen, drawn one per task: a result's charts drawn at once held the page too long. */
const due: Draw[] = [];
let draining = false;

async function drain() {
	if (draining) return;
	draining = true;
	try {
		for (let draw = due.shift(); draw; draw = due.shift()) {
			await draw().catch(() => {});
			await nextTask();
		}
	} finally {
		draining = false;
	}
}

function watcher(): IntersectionObserver {
	observer ??= new IntersectionObserver(
		(entries) => {
			for (const entry of entries) {
				if (!entry.isIntersecting) continue;
				const draw = pending.get(entry.target);
				unwatch(entry.target);
				if (draw) due.push(draw);
			}
			void drain();
		},
		// A screen's height ahead, so a chart is usually drawn before it scrolls in.
		{ rootMargin: '100% 0px' }
	);
	return observer;
}

function unwatch(element: Element) {
	pending.delete(element);
	observer?.unobserve(element);
}

/** Calls `draw` once `element` is near the viewport; returns a function that stops waiting. */
export function drawWhenVisible(element: Element, draw: Draw): () => void {
	if (typeof IntersectionObserver === 'undefined') {
		void draw();
		return () => {};
	}
	pending.set(element, draw);
	watcher().observe(element);
	return () => unwatch(element);
}

// Printing from the browser menu cannot wait for drawing; start at least (the button waits).
if (typeof window !== 'undefined') window.addEventListener('beforeprint', () => void drawAll());

/** Draws every chart still waiting, and resolves when all are drawn (before printing). */
export async function drawAll(): Promise<void> {
	const waiting = [...pending.entries()];
	for (const [element] of waiting) unwatch(element);
	await Promise.all([...waiting.map(([, draw]) => draw), ...due.splice(0)].map((draw) => draw()));
}
