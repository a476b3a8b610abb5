import { copyFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

// FIELDBOOK_BUILD_DIR: the update test builds a second version beside the first.
const out = process.env.FIELDBOOK_BUILD_DIR ?? 'build';
const node = adapter({ out, precompress: true });

/**
 * adapter-node, started through scripts/server-entry.js: static files
 * and the prerendered shell get nosniff, framing and HSTS headers too (issue 12).
 * @type {import('@sveltejs/kit').Adapter}
 */
const nodeWithHeaders = {
	...node,
	async adapt(builder) {
		await node.adapt(builder);
		renameSync(join(out, 'index.js'), join(out, 'sveltekit-server.js'));
		copyFileSync('scripts/server-entry.js', join(out, 'index.js'));
	}
};

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Form posts get SvelteKit's own origin check (on by default); JSON endpoints get
		// theirs in src/lib/server/guard.ts.
		adapter: nodeWithHeaders,
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
