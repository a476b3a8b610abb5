import type { Device } from '$lib/client/db/device';
import type { Live } from '$lib/client/db/live.svelte';
import type { ActivityDetail, ObservationNote } from '$lib/client/queries';
import type { FrameworkComponent, Prompt } from '$lib/framework';

/** What every capture screen is given by the activity page (one screen per activity kind). */
export interface CaptureProps {
	device: Device;
	auditId: string;
	activity: ActivityDetail;
	/** The component the activity is for; null when the framework no longer has it. */
	component: FrameworkComponent | null;
	/** The prompt it answers; null for an ad-hoc activity. */
	prompt: Prompt | null;
	/** The activity's observations, newest last, kept live. */
	observations: Live<ObservationNote[]>;
}
