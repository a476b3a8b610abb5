import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// Form posts get SvelteKit's own origin check (on by default); JSON endpoints get
		// theirs in src/lib/server/guard.ts.
		adapter: adapter({ out: 'build', precompress: true })
	}
};

export default config;
