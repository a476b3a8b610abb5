import { activityFieldsSchema, type ParticipantGroup, type Survey } from '$lib/domain/activity';
import { activityKinds, type ActivityKind } from '$lib/domain/activity-kind';
import { findingFieldsSchema } from '$lib/domain/finding';
import { nextStepFieldsSchema } from '$lib/domain/next-step';
import { reportStatusFieldsSchema } from '$lib/domain/report-status';
import { responseFieldsSchema } from '$lib/domain/response';
import { isSafeguardingConcern } from '$lib/domain/safeguarding';
import { sourcesOf } from '$lib/framework/evidence-source';
import type { FindingInput, NextStepInput, ReportNote, StatusInput } from '$lib/framework/report';
import { tally, type SurveyResults } from '$lib/framework/survey-tally';
import type { FieldbookDatabase, LocalRecord } from '../db/database';

/** Read-only queries behind the report, next-steps and export screens; run them through `live()`. */

export interface ReportActivity {
	id: string;
	componentId: string;
	kind: ActivityKind;
	title: string;
	plannedStart: string | null;
	participants: ParticipantGroup[];
	survey: Survey | null;
}

export interface ReportSurvey {
	activityId: string;
	componentId: string;
	title: string;
	results: SurveyResults;
}

/** Everything an audit's reports are made of, as this device holds it. */
export interface AuditReportData {
	notes: ReportNote[];
	activities: ReportActivity[];
	findings: FindingInput[];
	nextSteps: NextStepInput[];
	statuses: StatusInput[];
	surveys: ReportSurvey[];
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const strings = (v: unknown) =>
	Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
const isKind = (k: unknown): k is ActivityKind => (activityKinds as readonly unknown[]).includes(k);

function activityOf(r: LocalRecord): ReportActivity | null {
	const parsed = activityFieldsSchema.safeParse(r.values);
	if (!parsed.success || !isKind(parsed.data.kind)) return null;
	const a = parsed.data;
	return {
		id: r.id,
		componentId: a.componentId,
		kind: a.kind,
		title: a.title,
		plannedStart: a.plannedStart,
		participants: a.participants ?? [],
		survey: a.survey ?? null
	};
}

/**
 * A note that may appear in a report: live, and not flagged as a safeguarding concern (which
 * never appears in any report or export, whatever links to it).
 */
function noteOf(r: LocalRecord, activities: Map<string, ReportActivity>): ReportNote | null {
	if (r.deleted || isSafeguardingConcern(r.values)) return null;
	const activity = activities.get(str(r.values.activityId));
	return {
		id: r.id,
		activityId: str(r.values.activityId),
		componentId: str(r.values.componentId),
		text: str(r.values.text),
		practiceIds: [...new Set(strings(r.values.practiceIds))],
		judgement: str(r.values.judgement),
		capturedAt: str(r.values.capturedAt),
		location: typeof r.values.location === 'string' ? r.values.location : null,
		verbatim: r.values.verbatim === true,
		photoHashes: [...new Set(strings(r.values.photoHashes))],
		kind: activity?.kind ?? null,
		activityTitle: activity?.title ?? '',
		sources: activity
			? sourcesOf({
					kind: activity.kind,
					participants: activity.participants,
					surveyTemplateId: activity.survey?.templateId ?? null
				})
			: []
	};
}

/** The live records of one type in an audit that parse with their schema, as plain objects. */
function parsedRows<T>(rows: LocalRecord[], parse: (r: LocalRecord) => T | null): T[] {
	return rows.flatMap((r) => {
		if (r.deleted) return [];
		const value = parse(r);
		return value === null ? [] : [value];
	});
}

export async function auditReportData(
	db: FieldbookDatabase,
	auditId: string
): Promise<AuditReportData> {
	const read = (type: LocalRecord['type']) =>
		db.records.where('[type+scope]').equals([type, auditId]).toArray();
	const [notes, activityRows, findings, nextSteps, statuses, responses] = await Promise.all([
		read('observation'),
		read('activity'),
		read('finding'),
		read('nextStep'),
		read('reportStatus'),
		read('response')
	]);
	const activities = parsedRows(activityRows, activityOf);
	const activityById = new Map(activities.map((a) => [a.id, a]));
	return {
		notes: parsedRows(notes, (r) => noteOf(r, activityById)).sort(
			(a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id.localeCompare(b.id)
		),
		activities,
		findings: parsedRows(findings, (r) => {
			const p = findingFieldsSchema.safeParse(r.values);
			return p.success ? { ...p.data, id: r.id } : null;
		}),
		nextSteps: parsedRows(nextSteps, (r) => {
			const p = nextStepFieldsSchema.safeParse(r.values);
			return p.success ? { ...p.data, id: r.id } : null;
		}),
		statuses: parsedRows(statuses, (r) => {
			const p = reportStatusFieldsSchema.safeParse(r.values);
			return p.success ? { ...p.data, id: r.id, hlc: r.hlcs.status ?? '' } : null;
		}),
		surveys: surveysOf(activities, responses)
	};
}

/** Each survey activity's results, from its live responses that parse. */
function surveysOf(activities: ReportActivity[], rows: LocalRecord[]): ReportSurvey[] {
	const responses = parsedRows(rows, (r) => {
		// A response flagged as a safeguarding concern is in no chart, report or export.
		if (isSafeguardingConcern(r.values)) return null;
		const p = responseFieldsSchema.safeParse(r.values);
		return p.success ? p.data : null;
	});
	return activities.flatMap((a) =>
		a.kind === 'survey' && a.survey
			? [
					{
						activityId: a.id,
						componentId: a.componentId,
						title: a.title,
						results: tally(
							a.survey.questions,
							responses.filter((r) => r.activityId === a.id)
						)
					}
				]
			: []
	);
}
