/**
 * Runs `work` once the next frame has been drawn: what can wait after a save (a list read
 * again, the focus moved back) then never holds up the frame that shows the saved note (issue
 * 16: capture_visible_ms). A hidden page draws no frames, so a timer stands in and bounds the
 * wait; a page going away runs it at once.
 */
export function afterPaint(work: () => void): void {
	let done = false;
	const run = () => {
		if (done) return;
		done = true;
		if (typeof removeEventListener === 'function') removeEventListener('pagehide', run);
		work();
	};
	if (typeof document === 'undefined') {
		setTimeout(run, 0);
		return;
	}
	addEventListener('pagehide', run);
	// A timer set in a frame's callback runs once that frame is drawn.
	if (document.visibilityState === 'visible') requestAnimationFrame(() => setTimeout(run, 0));
	setTimeout(run, 100);
}
