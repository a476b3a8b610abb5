import {
	BarController,
	BarElement,
	CategoryScale,
	Chart,
	Legend,
	LinearScale,
	type ChartConfiguration
} from 'chart.js';
import type { ChartSpec } from '$lib/framework/survey-chart-data';

/*
 * Chart.js draws the survey charts, on screen and as images in the Word file. This module is
 * only ever imported dynamically (the report screen and the export ask for it), so the first
 * page's JavaScript does not carry it. Only the bar parts are registered: tree-shaken.
 */
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend);

// Colour-blind-safe diverging palette (ColorBrewer RdBu), neutral grey in the middle.
const likertColours = ['#b2182b', '#ef8a62', '#bdbdbd', '#bdbdbd', '#67a9cf', '#2166ac'];

export function chartConfig(
	spec: ChartSpec,
	title: string,
	animate = true
): ChartConfiguration<'bar'> {
	const base = { animation: animate ? undefined : (false as const), maintainAspectRatio: false };
	if (spec.type === 'bars') {
		return {
			type: 'bar',
			data: {
				labels: spec.bars.map((b) => b.label),
				datasets: [
					{ label: title, data: spec.bars.map((b) => b.count), backgroundColor: '#1f4e5f' }
				]
			},
			options: { ...base, indexAxis: 'y', plugins: { legend: { display: false } } }
		};
	}
	// One stacked bar: each Likert point a dataset, so the legend names every colour.
	const shown = spec.segments.filter((s) => !s.label.endsWith('(half)'));
	return {
		type: 'bar',
		data: {
			labels: [''],
			datasets: spec.segments.map((s, i) => ({
				label: s.label,
				data: [s.value],
				backgroundColor: likertColours[i],
				stack: 'likert'
			}))
		},
		options: {
			...base,
			indexAxis: 'y',
			scales: {
				x: { stacked: true, ticks: { callback: (v) => Math.abs(Number(v)) } },
				y: { stacked: true }
			},
			plugins: {
				legend: {
					position: 'bottom',
					labels: { filter: (item) => shown.some((s) => s.label === item.text) }
				}
			}
		}
	};
}

/** Draws a chart into a canvas on the page; returns what destroys it. */
export function drawChart(canvas: HTMLCanvasElement, spec: ChartSpec, title: string) {
	const chart = new Chart(canvas, chartConfig(spec, title));
	return () => chart.destroy();
}

/** A chart as PNG bytes, drawn off screen at a fixed size (for the Word file). */
export async function chartPng(spec: ChartSpec, title: string, width = 600, height = 220) {
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	canvas.style.cssText = `position:fixed;left:-10000px;width:${width}px;height:${height}px`;
	document.body.append(canvas);
	try {
		const chart = new Chart(canvas, {
			...chartConfig(spec, title, false),
			options: {
				...chartConfig(spec, title, false).options,
				responsive: false,
				devicePixelRatio: 1
			}
		});
		const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
		chart.destroy();
		return blob ? new Uint8Array(await blob.arrayBuffer()) : null;
	} finally {
		canvas.remove();
	}
}
