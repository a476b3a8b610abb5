import { z } from 'zod';

export const recordTypes = ['school', 'audit', 'activity', 'observation', 'conflict'] as const;
export const recordTypeSchema = z.enum(recordTypes);
export type RecordType = z.infer<typeof recordTypeSchema>;
