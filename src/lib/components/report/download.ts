/** Hands a file made on the tablet to the browser's download (or share, on iPad) flow. */
export function download(file: File) {
	const url = URL.createObjectURL(file);
	const link = document.createElement('a');
	link.href = url;
	link.download = file.name;
	document.body.append(link);
	link.click();
	link.remove();
	// Revoked later, not at once: Safari reads the URL after the click returns.
	setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
