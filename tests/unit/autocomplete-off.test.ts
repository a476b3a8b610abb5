import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse } from 'svelte/compiler';
import { describe, expect, it } from 'vitest';

/**
 * Issue 13's follow-up: Chromium keeps the state of form fields (what was typed, in UTF-16) in its
 * session-restore files unless the field is autocomplete=off (or a password). Every text area and
 * every input that takes typed text must say autocomplete, so a note or an answer never reaches the
 * disk in the clear. This reads every .svelte file under src with Svelte's own parser.
 */
const root = join(import.meta.dirname, '../..');
/** Input types whose value is not typed text: a tick, a choice among the page's own values, a file. */
const notText = new Set([
	'checkbox',
	'radio',
	'file',
	'hidden',
	'submit',
	'button',
	'reset',
	'image',
	'range',
	'color'
]);

function svelteFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return svelteFiles(path);
		return entry.name.endsWith('.svelte') ? [path] : [];
	});
}

interface Attr {
	type: string;
	name?: string;
	value?: true | Array<{ type: string; data?: string }>;
}
interface Node {
	type: string;
	name?: string;
	attributes?: Attr[];
	start: number;
	[key: string]: unknown;
}

/** Every element of the template, whatever block it sits in. */
function elements(node: unknown, found: Node[] = []): Node[] {
	if (Array.isArray(node)) {
		for (const child of node) elements(child, found);
	} else if (node && typeof node === 'object') {
		const n = node as Node;
		if (n.type === 'RegularElement') found.push(n);
		for (const [key, value] of Object.entries(n)) {
			if (key !== 'attributes' && value && typeof value === 'object') elements(value, found);
		}
	}
	return found;
}

function staticType(element: Node): string | null | 'dynamic' {
	const type = element.attributes?.find((a) => a.type === 'Attribute' && a.name === 'type');
	if (!type) return null;
	if (Array.isArray(type.value) && type.value.every((part) => part.type === 'Text')) {
		return type.value.map((part) => part.data).join('');
	}
	return 'dynamic';
}

/** The text fields of the app's source that lack an autocomplete attribute, as file:line. */
function fieldsWithoutAutocomplete(files: Array<{ file: string; source: string }>): string[] {
	const missing: string[] = [];
	for (const { file, source } of files) {
		const ast = parse(source, { modern: true });
		for (const element of elements(ast.fragment)) {
			if (element.name !== 'textarea' && element.name !== 'input') continue;
			if (element.name === 'input') {
				const type = staticType(element);
				if (type !== null && type !== 'dynamic' && notText.has(type)) continue;
			}
			const said = element.attributes?.some(
				(a) => a.type === 'Attribute' && a.name === 'autocomplete'
			);
			if (!said) {
				const line = source.slice(0, element.start).split('\n').length;
				missing.push(`${file}:${line} <${element.name}>`);
			}
		}
	}
	return missing;
}

describe('text fields stay out of the session-restore files', () => {
	it('every text area and text input under src says autocomplete', () => {
		const files = svelteFiles(join(root, 'src')).map((path) => ({
			file: relative(root, path),
			source: readFileSync(path, 'utf8')
		}));
		expect(files.length).toBeGreaterThan(50);
		expect(fieldsWithoutAutocomplete(files)).toEqual([]);
	});

	it('the check finds a field without it, in any block, and passes ticks and choices', () => {
		const source = [
			'<input type="checkbox" /><input type="radio" /><input type="file" />',
			'<input autocomplete="off" /><textarea autocomplete="off"></textarea>',
			'{#if open}',
			'\t<input id="a" />',
			'{/if}',
			'{#each rows as row}<textarea></textarea>{/each}',
			'<form>',
			'\t<input type="search" />',
			'\t<input type={kind} />',
			'</form>'
		].join('\n');
		expect(fieldsWithoutAutocomplete([{ file: 'bad.svelte', source }])).toEqual([
			'bad.svelte:4 <input>',
			'bad.svelte:6 <textarea>',
			'bad.svelte:8 <input>',
			'bad.svelte:9 <input>'
		]);
	});
});
