import { z } from 'zod';
import { activityKinds } from './activity-kind-names';

export { activityKindLabels, activityKinds } from './activity-kind-names';

export const activityKindSchema = z
	.enum(activityKinds)
	.describe('the kind of fieldwork, which decides the capture screen');
export type ActivityKind = z.infer<typeof activityKindSchema>;
