import { z } from 'zod';
import { recordTypes, type RecordType } from './record-type-names';

export { recordTypes, type RecordType };
export const recordTypeSchema = z.enum(recordTypes);
