import { z } from 'zod';

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
export const recordTypeSchema = z.enum(recordTypes);
export type RecordType = z.infer<typeof recordTypeSchema>;
