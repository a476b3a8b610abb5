// `npm run bench`: prints figures as JSON (and writes bench/results/latest.json). It never
// fails on a speed, only when a scenario cannot run. The full suite arrives with issue 6.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hash } from '@node-rs/argon2';

const root = new URL('..', import.meta.url).pathname;
if (!existsSync(join(root, 'build/index.js'))) {
	const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
	if (built.status !== 0) process.exit(1);
}

/** @param {number[]} samples */
function summary(samples) {
	const sorted = [...samples].sort((a, b) => a - b);
	const at = (/** @type {number} */ q) =>
		sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
	const round = (/** @type {number} */ x) => Math.round(x * 100) / 100;
	return {
		median: round(at(0.5)),
		p95: round(at(0.95)),
		max: round(sorted[sorted.length - 1]),
		n: sorted.length
	};
}

/** @param {number} n @param {() => Promise<unknown>} run */
async function time(n, run) {
	const samples = [];
	for (let i = 0; i < n; i++) {
		const start = performance.now();
		await run();
		samples.push(performance.now() - start);
	}
	return summary(samples);
}

const dir = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
const port = 4390;
const url = `http://127.0.0.1:${port}`;
const admin = { email: 'bench@fieldbook.test', password: 'bench password long' };
const server = spawn(process.execPath, ['build/index.js'], {
	cwd: root,
	env: {
		...process.env,
		PORT: String(port),
		HOST: '127.0.0.1',
		FIELDBOOK_DB: join(dir, 'bench.db'),
		FIELDBOOK_ADMIN_EMAIL: admin.email,
		FIELDBOOK_ADMIN_PASSWORD: admin.password
	},
	stdio: 'ignore'
});

try {
	for (let i = 0; ; i++) {
		try {
			if ((await fetch(`${url}/api/health`)).ok) break;
		} catch {
			if (i > 300) throw new Error('the server did not start');
			await new Promise((r) => setTimeout(r, 100));
		}
	}
	const figures = {
		argon2id_hash_ms: await time(10, () =>
			hash(admin.password, { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 })
		),
		health_roundtrip_ms: await time(200, async () => (await fetch(`${url}/api/health`)).text()),
		// Below the sign-in limit: a right password clears its account's count.
		login_roundtrip_ms: await time(20, async () =>
			(
				await fetch(`${url}/api/auth/login`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(admin)
				})
			).text()
		)
	};
	const result = {
		when: new Date().toISOString(),
		machine: { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', node: process.version },
		figures
	};
	mkdirSync(join(root, 'bench/results'), { recursive: true });
	writeFileSync(join(root, 'bench/results/latest.json'), JSON.stringify(result, null, 2) + '\n');
	console.log(JSON.stringify(result, null, 2));
	for (const [name, f] of Object.entries(figures)) {
		console.log(
			`${name.padEnd(22)} median ${f.median} ms  p95 ${f.p95} ms  max ${f.max} ms  n ${f.n}`
		);
	}
} finally {
	server.kill();
	rmSync(dir, { recursive: true, force: true });
}
