// What the bench measures and how often, in one place. BENCH_QUICK=1 takes fewer samples (a
// check that every scenario runs, on a busy machine); the README's figures come from a full run.

export const quick = process.env.BENCH_QUICK === '1';

export const counts = quick
	? {
			commit: 20,
			photos: 5,
			visible: 8,
			coldStarts: 3,
			dayRuns: 1,
			noop: 10,
			pushRuns: 1,
			pushBatches: 25,
			exports: 3,
			joins: 1,
			lighthouse: 1
		}
	: {
			commit: 200,
			photos: 30,
			visible: 40,
			coldStarts: 10,
			dayRuns: 5,
			noop: 50,
			pushRuns: 3,
			pushBatches: 25,
			exports: 15,
			joins: 3,
			lighthouse: 3
		};

/** The sizes: the same in a quick run, so that the figures mean the same thing. */
export const sizes = {
	stored: 5000,
	/** A year on one tablet: notes across 20 audits (scale scenario). */
	yearStored: 50000,
	coldStored: 2000,
	dayObservations: 2000,
	dayPhotos: 100,
	photoBytes: 400 * 1024,
	pushClients: 20,
	pushBatchChanges: 100
};

/**
 * How to find the learning-walk capture screen's note box and Save button, by role and name:
 * that screen is being rewritten, so these names may change ("Note", "Save note"). Override
 * with BENCH_NOTE_LABEL / BENCH_SAVE_LABEL (regular expressions) without touching the code.
 */
export const captureScreen = {
	note: new RegExp(process.env.BENCH_NOTE_LABEL ?? '^(Observation|Note)$', 'i'),
	save: new RegExp(process.env.BENCH_SAVE_LABEL ?? '^Save( observation| note)?$', 'i')
};

/**
 * Ports: the bench build, the shipped build, the cold-start server, the sink, the CouchDB peer,
 * Lighthouse's server and the DevTools port of its Chromium, the scale scenario's server, the two
 * PostgreSQL servers; all
 * from BENCH_PORT (4195) up, so a second bench on the machine can run beside the first.
 */
const base = Number(process.env.BENCH_PORT ?? 4195);
export const ports = {
	app: base,
	shipped: base + 1,
	coldStart: base + 2,
	sink: base + 3,
	pouch: base + 4,
	lighthouse: base + 5,
	lighthouseDebug: base + 6,
	scale: base + 7,
	/** The PostgreSQL servers (server_push_per_s with two instances uses both). */
	postgres: [base + 8, base + 9]
};
