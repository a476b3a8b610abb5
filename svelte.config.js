import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Form posts get SvelteKit's own origin check (on by default); JSON endpoints get
		// theirs in src/lib/server/guard.ts.
		// FIELDBOOK_BUILD_DIR: the update test builds a second version beside the first.
		adapter: adapter({ out: process.env.FIELDBOOK_BUILD_DIR ?? 'build', precompress: true }),
		// src/hooks.client.ts registers the service worker with workbox-window, which tells the
		// page when an update waits (the app asks before activating it).
		serviceWorker: { register: false },
		// The precached shell (/app-shell) is served for every route: its asset URLs must not
		// depend on the page's depth.
		paths: { relative: false },
		// Defence in depth for notes about children: only this origin's scripts, no framing.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'connect-src': ['self'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
