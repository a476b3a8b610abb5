import { execFileSync, spawnSync } from 'node:child_process';
import {
	cpSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readFileSync,
	rmSync,
	symlinkSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * Issue 12, finding 6: `npm test` in a fresh clone with no ../shared beside it failed, since
 * the framework's wording test read ../shared/seeds. The tests must run from the repository alone.
 */

const root = resolve(import.meta.dirname, '../..');
const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
	cwd: root,
	encoding: 'utf8'
})
	.split('\n')
	.filter((f) => f && !/^node_modules(\/|$)/.test(f) && existsSync(join(root, f)));
const scratch = mkdtempSync(join(tmpdir(), 'fieldbook-alone-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('finding 6: the tests stand alone', () => {
	it('no file under src/ or tests/ reaches outside the repository for ../shared', () => {
		const readers = files.filter(
			(f) =>
				/^(src|tests)\//.test(f) &&
				!f.startsWith('tests/fixtures/') &&
				f !== 'tests/integration/stands-alone.test.ts' &&
				/\.\.\/shared|FIELDBOOK_SEEDS/.test(readFileSync(join(root, f), 'utf8'))
		);
		expect(readers).toEqual([]);
	});

	it('the wording test passes in a copy of the repository with nothing beside it', () => {
		// <scratch>/fieldbook, so that ../shared is <scratch>/shared: empty.
		const copy = join(scratch, 'fieldbook');
		for (const f of files) {
			mkdirSync(dirname(join(copy, f)), { recursive: true });
			cpSync(join(root, f), join(copy, f));
		}
		symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'));
		const env = { ...process.env };
		delete env.FIELDBOOK_SEEDS;
		delete env.FORCE_COLOR;
		env.NO_COLOR = '1';
		const run = spawnSync(
			process.execPath,
			[
				'node_modules/vitest/vitest.mjs',
				'run',
				'--project',
				'unit',
				'tests/unit/framework.test.ts'
			],
			{ cwd: copy, env, encoding: 'utf8', timeout: 120_000 }
		);
		expect(run.stdout + run.stderr).toMatch(/Tests\s+\d+ passed/);
		expect(run.status).toBe(0);
	}, 150_000);
});
