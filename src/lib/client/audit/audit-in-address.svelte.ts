import { page } from '$app/state';
import {
	findComponent,
	frameworks,
	imhars,
	type Framework,
	type FrameworkComponent
} from '$lib/framework';
import type { Device } from '../db/device';
import { live, type Live } from '../db/live.svelte';
import { auditOnDevice, type AuditDetail } from '../queries';

/**
 * The audit an address names (`/audits/[id]/…`), read live from the tablet, with its framework
 * and the component of `[componentId]` if the address has one: what every page under an audit
 * reads first. Create it while the page initialises.
 */
export class AuditInAddress {
	readonly auditId = $derived(page.params.id ?? '');
	readonly componentId = $derived(page.params.componentId ?? '');
	readonly audit: Live<AuditDetail | null>;
	/** The audit's framework; iMHARS until the audit is read (or for one this app does not know). */
	readonly framework: Framework;
	readonly component: FrameworkComponent | undefined;

	constructor(device: () => Device) {
		this.audit = live(
			() => auditOnDevice(device().db, this.auditId),
			null,
			() => [device(), this.auditId]
		);
		this.framework = $derived(frameworks[this.audit.current?.frameworkId ?? ''] ?? imhars);
		this.component = $derived(findComponent(this.framework, this.componentId));
	}
}
