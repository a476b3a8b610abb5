import { guardCell } from '$lib/framework/report-csv';

/**
 * A CSV file Excel opens cleanly: UTF-8 with a byte-order mark (without it Excel reads UTF-8
 * as the local code page and mangles "–" and "“"), CRLF line ends, every cell guarded against
 * formula injection. papaparse is imported here only, on demand.
 */
export async function toCsv(rows: readonly Record<string, unknown>[], header: string[]) {
	const { default: Papa } = await import('papaparse');
	const guarded = rows.map((row) => header.map((h) => guardCell(row[h])));
	return '\ufeff' + Papa.unparse({ fields: header, data: guarded }, { newline: '\r\n' });
}
