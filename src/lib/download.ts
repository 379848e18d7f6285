/** Saves bytes made in the page (never uploaded) as a file the browser downloads. */
export function downloadBytes(bytes: Uint8Array, fileName: string, type: string) {
	const url = URL.createObjectURL(new Blob([bytes as BlobPart], { type }));
	const a = document.createElement('a');
	a.href = url;
	a.download = fileName;
	document.body.append(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 1000);
}
