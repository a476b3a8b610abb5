// Draws the app icons (static/icons/*.png) from the favicon's shapes: the white "F" on the
// brand colour. Pure Node (zlib), so anyone can regenerate them: `node scripts/make-icons.js`.
// The PNGs are committed; nothing runs this at build time.
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const brand = [0x1f, 0x4e, 0x5f];
const white = [0xff, 0xff, 0xff];
// static/favicon.svg's path, on its 64-unit grid.
/** @type {[number, number][]} */
const letterF = [
	[18, 14],
	[46, 14],
	[46, 22],
	[28, 22],
	[28, 30],
	[42, 30],
	[42, 38],
	[28, 38],
	[28, 50],
	[18, 50]
];

/** @param {number} x @param {number} y @param {[number, number][]} polygon */
function inside(x, y, polygon) {
	let hit = false;
	for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
		const [xi, yi] = polygon[i] ?? [0, 0];
		const [xj, yj] = polygon[j] ?? [0, 0];
		if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) hit = !hit;
	}
	return hit;
}

/** Rounded square (rx 12 of 64) for "any"; full bleed for "maskable" (the F sits well inside its safe zone). */
function inShape(/** @type {number} */ u, /** @type {number} */ v, /** @type {boolean} */ bleed) {
	if (bleed) return true;
	const r = 12;
	const cx = Math.min(Math.max(u, r), 64 - r);
	const cy = Math.min(Math.max(v, r), 64 - r);
	return (u - cx) ** 2 + (v - cy) ** 2 <= r * r;
}

/** RGBA pixels, 4×4 samples per pixel for smooth edges. */
function draw(/** @type {number} */ size, /** @type {boolean} */ bleed) {
	const rows = [];
	for (let y = 0; y < size; y++) {
		const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
		for (let x = 0; x < size; x++) {
			let cover = 0;
			let ink = 0;
			for (let s = 0; s < 16; s++) {
				const u = ((x + ((s % 4) + 0.5) / 4) * 64) / size;
				const v = ((y + (Math.floor(s / 4) + 0.5) / 4) * 64) / size;
				if (!inShape(u, v, bleed)) continue;
				cover++;
				if (inside(u, v, letterF)) ink++;
			}
			const t = cover ? ink / cover : 0;
			const rgb = brand.map((c, i) => Math.round(c + ((white[i] ?? c) - c) * t));
			row.set([...rgb, Math.round((cover / 16) * 255)], 1 + x * 4);
		}
		rows.push(row);
	}
	return Buffer.concat(rows);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
function crc32(/** @type {Buffer} */ bytes) {
	let c = 0xffffffff;
	for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
	return (c ^ 0xffffffff) >>> 0;
}
function chunk(/** @type {string} */ type, /** @type {Buffer} */ data) {
	const head = Buffer.alloc(8);
	head.writeUInt32BE(data.length, 0);
	head.write(type, 4, 'ascii');
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
	return Buffer.concat([head, data, crc]);
}
function png(/** @type {number} */ size, /** @type {boolean} */ bleed) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(size, 0);
	header.writeUInt32BE(size, 4);
	header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(draw(size, bleed), { level: 9 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

const out = new URL('../static/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
for (const [name, size, bleed] of /** @type {const} */ ([
	['icon-192.png', 192, false],
	['icon-512.png', 512, false],
	['maskable-512.png', 512, true],
	['apple-touch-icon.png', 180, true]
])) {
	writeFileSync(new URL(name, out), png(size, bleed));
	console.log(`static/icons/${name}`);
}
