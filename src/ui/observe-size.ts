/**
 * An element's size, as a ResizeObserver reports it. Svelte's `bind:clientWidth` and its kin
 * also read the size the moment the element mounts, which makes the browser lay out the whole
 * page in the middle of building a cell's result, a large part of each long task.
 * The observer reports after the browser's own layout, at no extra cost.
 */
import type { Attachment } from 'svelte/attachments';

/** `box`: 'content' for clientWidth/clientHeight (no padding here), 'border' for offsetHeight. */
export function observeSize(
	onsize: (size: { width: number; height: number }) => void,
	box: 'content' | 'border' = 'content'
): Attachment<HTMLElement> {
	return (element) => {
		const observer = new ResizeObserver(([entry]) => {
			const [size] = box === 'border' ? entry.borderBoxSize : entry.contentBoxSize;
			onsize({ width: size.inlineSize, height: size.blockSize });
		});
		observer.observe(element, { box: box === 'border' ? 'border-box' : 'content-box' });
		return () => observer.disconnect();
	};
}
