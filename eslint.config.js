import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

const pureMsg =
	'framework, domain and sync are pure TypeScript: no Svelte, SvelteKit, Dexie or Node (STYLE.md).';
const restMsg = (side) => `framework, domain and sync must not import ${side} code (STYLE.md).`;
const doorMsg =
	'Only src/lib/client/db writes the device database: call (or add) a named function there (issue 16).';
const tables = '/^(records|outbox|quarantine|meta|photos|drafts|keyring)$/';
const tableWrites =
	'/^(add|bulkAdd|put|bulkPut|update|bulkUpdate|upsert|delete|bulkDelete|clear|modify)$/';
const sideMsg = 'client and server never import each other: shared code belongs in domain or sync.';

export default ts.config(
	js.configs.recommended,
	...ts.configs.recommended,
	...svelte.configs.recommended,
	prettier,
	...svelte.configs.prettier,
	{
		// Scripts, configs, tests and the bench run in Node and drive browsers: both sets.
		languageOptions: { globals: { ...globals.browser, ...globals.node } }
	},
	// The house (STYLE.md), enforced: each side sees only its own runtime's globals, and the pure
	// core imports neither side, nor Svelte, SvelteKit or Node.
	{
		files: ['src/lib/client/**', 'src/lib/components/**', 'src/routes/**/*.svelte'],
		languageOptions: { globals: { ...globals.browser } }
	},
	{
		files: ['src/lib/server/**', 'src/routes/**/+server.ts', 'src/hooks.server.ts'],
		languageOptions: { globals: { ...globals.node } }
	},
	{
		files: ['src/lib/framework/**', 'src/lib/domain/**', 'src/lib/sync/**'],
		languageOptions: { globals: {} },
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/client', '$lib/client/**', '**/client/**'],
							message: restMsg('client')
						},
						{
							group: ['$lib/server', '$lib/server/**', '**/server/**'],
							message: restMsg('server')
						},
						{ group: ['svelte', 'svelte/**', '*.svelte', '$app/**'], message: pureMsg },
						{ group: ['node:*', 'dexie', 'dexie/**'], message: pureMsg }
					]
				}
			]
		}
	},
	{
		files: ['src/lib/client/**', 'src/lib/components/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [{ group: ['$lib/server', '$lib/server/**', '**/server/**'], message: sideMsg }]
				}
			]
		}
	},
	{
		files: ['src/lib/server/**'],
		rules: {
			'no-restricted-imports': [
				'error',
				{
					patterns: [
						{
							group: ['$lib/client', '$lib/client/**', '**/client/**', '$lib/components/**'],
							message: sideMsg
						}
					]
				}
			]
		}
	},
	// One door to the device database (issue 16): outside src/lib/client/db nothing writes a
	// Dexie table or opens a read-write transaction, and nothing touches `meta` at all (meta.ts
	// types its keys). Reads stay allowed: capability query modules read tables for their live
	// queries (README, architecture notes).
	{
		files: ['src/**/*.ts', 'src/**/*.svelte'],
		ignores: [
			'src/lib/client/db/**',
			'src/lib/server/**',
			'src/routes/**/+server.ts',
			'src/hooks.server.ts'
		],
		rules: {
			'no-restricted-syntax': [
				'error',
				{
					selector: `CallExpression[callee.property.name=${tableWrites}][callee.object.type='MemberExpression'][callee.object.property.type='Identifier'][callee.object.property.name=${tables}]`,
					message: doorMsg
				},
				{
					selector: "CallExpression[callee.property.name='transaction'][arguments.0.value=/^rw/]",
					message: doorMsg
				},
				{ selector: "CallExpression[callee.property.name='table']", message: doorMsg },
				// A Dexie collection's writes (where(...).modify/delete()); Set#delete takes an argument.
				{ selector: "CallExpression[callee.property.name='modify']", message: doorMsg },
				{
					selector: "CallExpression[callee.property.name='delete'][arguments.length=0]",
					message: doorMsg
				},
				{
					selector: "MemberExpression[property.type='Identifier'][property.name='meta']",
					message: 'The meta table is read and written through src/lib/client/db/meta.ts only.'
				}
			]
		}
	},
	{
		files: ['**/*.ts', '**/*.svelte', '**/*.svelte.ts'],
		languageOptions: {
			parserOptions: {
				projectService: true,
				extraFileExtensions: ['.svelte'],
				parser: ts.parser,
				svelteConfig
			}
		},
		rules: {
			// An un-awaited Dexie or database call escapes its transaction: never allowed.
			'@typescript-eslint/no-floating-promises': 'error',
			'@typescript-eslint/no-unused-vars': [
				'error',
				{ argsIgnorePattern: '^_', ignoreRestSiblings: true }
			],
			// Fieldbook is served from the root (no paths.base), so resolve() around links adds nothing.
			'svelte/no-navigation-without-resolve': 'off'
		}
	},
	{
		// Tests read API answers as loosely typed JSON on purpose: they assert the shape.
		files: ['tests/**/*.ts'],
		rules: { '@typescript-eslint/no-explicit-any': 'off' }
	},
	{
		ignores: ['build/', '.svelte-kit/', 'node_modules/', 'test-results/', 'playwright-report/']
	}
);
