/*
 * The names of the synced record types, without zod: the sync engine checks a pulled change's
 * type with them and loads with the first sync, which carries no zod (issue 16). record-type.ts
 * builds the schema from this same list.
 */
export const recordTypes = [
	'school',
	'audit',
	'activity',
	'observation',
	'response',
	'step',
	'finding',
	'nextStep',
	'reportStatus',
	'conflict'
] as const;
export type RecordType = (typeof recordTypes)[number];

export function isRecordType(type: unknown): type is RecordType {
	return (recordTypes as readonly unknown[]).includes(type);
}
