/**
 * Keeps a note form's top part (box, judgement, Save) in sight while the note box has the
 * focus: when the person taps into the box, and when the on-screen keyboard comes up (the
 * visual viewport shrinks), the part is scrolled to the top of what can be seen. Returns the
 * function that stops watching.
 */
export function keepInView(part: HTMLElement, box: HTMLTextAreaElement): () => void {
	const lift = () => {
		if (document.activeElement !== box) return;
		const top = part.getBoundingClientRect().top;
		const visible = window.visualViewport?.height ?? window.innerHeight;
		const bottom = part.getBoundingClientRect().bottom;
		// Already all in sight: no jump under the person's finger.
		if (top >= 0 && bottom <= visible) return;
		part.scrollIntoView({ block: 'start' });
	};
	const tapped = () => requestAnimationFrame(lift);
	box.addEventListener('pointerup', tapped);
	box.addEventListener('focus', tapped);
	window.visualViewport?.addEventListener('resize', lift);
	return () => {
		box.removeEventListener('pointerup', tapped);
		box.removeEventListener('focus', tapped);
		window.visualViewport?.removeEventListener('resize', lift);
	};
}
