/**
 * Runs `work` once the next frame has been drawn: what can wait after a save (the draft's
 * write, a list read again) then never holds up the frame that shows the saved note (issue 16:
 * capture_visible_ms). A hidden page draws no frames, so a timer stands in and bounds the wait.
 */
export function afterPaint(work: () => void): void {
	let done = false;
	const run = () => {
		if (done) return;
		done = true;
		work();
	};
	if (typeof document !== 'undefined' && document.visibilityState === 'visible')
		// A timer set in a frame's callback runs once that frame is drawn.
		requestAnimationFrame(() => setTimeout(run, 0));
	setTimeout(run, typeof document !== 'undefined' ? 100 : 0);
}
