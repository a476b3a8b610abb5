import { describe, expect, it, vi } from 'vitest';
import { needsHomeScreen, spaceIsShort } from '../../src/lib/client/storage.svelte';

const MB = 1024 * 1024;

describe('space before a photo', () => {
	it('is short under 50 MB free or under a tenth of the quota, and unknown is not short', () => {
		expect(spaceIsShort({ usage: 10 * MB, quota: 2000 * MB })).toBe(false);
		expect(spaceIsShort({ usage: 1960 * MB, quota: 2000 * MB })).toBe(true); // 40 MB free
		expect(spaceIsShort({ usage: 9100 * MB, quota: 10000 * MB })).toBe(true); // 9 % free
		expect(spaceIsShort(null)).toBe(false);
	});
});

describe('the Home Screen advice', () => {
	const safari = 'AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';
	const ipad = `Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) ${safari}`;
	const mac = `Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) ${safari}`;
	const tab = { displayStandalone: false };

	it('goes to Safari on an iPad or iPhone in a tab, including iPadOS posing as a Mac', () => {
		expect(needsHomeScreen({ ...tab, userAgent: ipad })).toBe(true);
		expect(needsHomeScreen({ ...tab, userAgent: ipad.replace('iPad', 'iPhone') })).toBe(true);
		expect(
			needsHomeScreen({ ...tab, userAgent: mac, platform: 'MacIntel', maxTouchPoints: 5 })
		).toBe(true);
	});

	it('not to a Mac, Chrome on iOS, or the app already on the Home Screen', () => {
		expect(
			needsHomeScreen({ ...tab, userAgent: mac, platform: 'MacIntel', maxTouchPoints: 0 })
		).toBe(false);
		expect(
			needsHomeScreen({ ...tab, userAgent: ipad.replace('Version/17.5', 'CriOS/126.0') })
		).toBe(false);
		expect(needsHomeScreen({ userAgent: ipad, standalone: true, displayStandalone: false })).toBe(
			false
		);
		expect(needsHomeScreen({ userAgent: ipad, displayStandalone: true })).toBe(false);
	});
});

describe('the Home Screen hint, dismissed', () => {
	it('is read from the device only when asked about, never at start, and stays dismissed', async () => {
		const held = new Map<string, string>([['fieldbook:home-screen-hint-dismissed', 'no']]);
		const getItem = vi.fn((key: string) => held.get(key) ?? null);
		vi.stubGlobal('localStorage', { getItem, setItem: (k: string, v: string) => held.set(k, v) });
		try {
			vi.resetModules();
			const { storageStatus } = await import('../../src/lib/client/storage.svelte');
			// A start's first localStorage read waits for the disk: the lock screen does without.
			expect(getItem).not.toHaveBeenCalled();
			expect(storageStatus.hintDismissed).toBe(false);
			storageStatus.dismissHint();
			expect(storageStatus.hintDismissed).toBe(true);
			expect(held.get('fieldbook:home-screen-hint-dismissed')).toBe('yes');

			vi.resetModules();
			const again = await import('../../src/lib/client/storage.svelte');
			expect(again.storageStatus.hintDismissed).toBe(true);
		} finally {
			vi.unstubAllGlobals();
		}
	});
});
