import { z } from 'zod';
import { CapSeverity, textLimits } from './ops.ts';
import type { MethodSpecs, PushSpecs } from './spec.ts';

/** How deep the water was, by what a person can see; each stands for a nominal depth (native/reports/depth.ts). */
export const DepthCategory = z.enum(['ankle', 'knee', 'waist', 'car-roof']);
export type DepthCategory = z.infer<typeof DepthCategory>;

export const ReporterKind = z.enum(['resident', 'crew']);
export type ReporterKind = z.infer<typeof ReporterKind>;

/** The deepest water a report may state, in metres (deeper is a typo, not a flood a person stands in). */
export const maxReportDepthM = 10;

/**
 * A citizen or field report as a gateway or a phone app sends it (README: "Citizen and field
 * reports"): where and when water was seen, how deep (metres, or a category), words, an optional
 * photo reference and who to call back. Unknown fields are refused, as in the sensors' compact form.
 */
export const ReportForm = z
  .object({
    /** The sender's own id for the report; a second report with it is a duplicate. Without it the payload's digest is its id. */
    id: z.string().trim().min(1).max(100).optional(),
    location: z.object({ lon: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) }).strict(),
    /** When the water was seen: ISO 8601 with a zone, like 2007-06-08T10:30:00+10:00. */
    observedAt: z.string().max(40),
    /** Estimated depth in metres. */
    depthM: z.number().min(0).max(maxReportDepthM).optional(),
    category: DepthCategory.optional(),
    text: z.string().max(textLimits.note).default(''),
    /** A photo's URL or file name: kept as a reference, never fetched. */
    photo: z.string().trim().min(1).max(500).optional(),
    reporter: z.object({ contact: z.string().trim().min(1).max(200), kind: ReporterKind.default('resident') }).strict(),
    /** Made up from a model run (`polder feed --reports`), not seen by anyone. */
    reconstructed: z.boolean().default(false),
  })
  .strict()
  .refine((r) => r.depthM !== undefined || r.category !== undefined, { message: 'give the depth in metres (depthM) or a category (ankle, knee, waist, car-roof)', path: ['depthM'] });
export type ReportForm = z.input<typeof ReportForm>;

/** What a crisis-room member decided about a group; unreviewed groups are unconfirmed public reports. */
export const ReportReview = z.enum(['unconfirmed', 'confirmed', 'dismissed']);
export type ReportReview = z.infer<typeof ReportReview>;

/** Reports of one place and time, shown as one item: the first report's id is the group's. */
export const ReportGroup = z.object({
  id: z.string(),
  /** The alert queue's entry for the group (source 'report'); null if it could not be written. */
  alertId: z.string().nullable(),
  /** The mean position of its reports. */
  location: z.object({ lon: z.number(), lat: z.number() }),
  count: z.number(),
  /** How many of them came from crews (the rest from residents). */
  crew: z.number(),
  firstAt: z.number(),
  lastAt: z.number(),
  /** The deepest water any of them gives (metres; a category counts as its nominal depth). */
  maxDepthM: z.number(),
  /** The newest report's depth (metres) and category, if it gave one. */
  latestDepthM: z.number(),
  latestCategory: DepthCategory.nullable(),
  latestText: z.string(),
  /** Every report in it is reconstructed (a demo or exercise feed). */
  reconstructed: z.boolean(),
  review: ReportReview,
});
export type ReportGroup = z.infer<typeof ReportGroup>;

/** Every report received is accepted or quarantined: received = accepted + quarantined. */
export const ReportCounts = z.object({ received: z.number(), accepted: z.number(), quarantined: z.number() });
export type ReportCounts = z.infer<typeof ReportCounts>;

export const QuarantinedReport = z.object({
  id: z.number(),
  receivedAt: z.number(),
  /** The MQTT topic or the file (and line) it came from. */
  origin: z.string(),
  reason: z.string(),
  /** The raw payload as UTF-8 text, cut to 2000 characters for display. */
  payload: z.string(),
  bytes: z.number(),
});
export type QuarantinedReport = z.infer<typeof QuarantinedReport>;

const GroupId = z.string().min(1).max(textLimits.id);
const Note = z.string().trim().max(textLimits.note).optional();

export const reportMethods = {
  /** Report groups whose last report is at or after `since` (default: all), newest first, at most `limit`, with the counts. */
  'reports.groups': {
    access: 'signedIn',
    args: z.object({ since: z.number().optional(), limit: z.number().int().min(1).max(5000).default(500) }).strict(),
    /** `mayReview`: whether the caller may confirm and dismiss them (a crisis-room member). */
    result: z.object({ groups: z.array(ReportGroup), counts: ReportCounts, mayReview: z.boolean() }),
  },
  /** Refused reports, newest first, with their reasons. */
  'reports.quarantine': {
    access: 'signedIn',
    args: z.object({ beforeId: z.number().int().optional(), limit: z.number().int().min(1).max(1000).default(100) }).strict(),
    result: z.array(QuarantinedReport),
  },
  /** A crisis-room member confirms the reports: its alert becomes Observed, at the severity they give. */
  'reports.confirm': { access: { may: 'report.review' }, args: z.object({ groupId: GroupId, severity: CapSeverity.exclude(['Unknown']).default('Moderate'), note: Note }).strict(), result: ReportGroup },
  /** A crisis-room member dismisses the reports (and their alert). */
  'reports.dismiss': { access: { may: 'report.review' }, args: z.object({ groupId: GroupId, note: Note }).strict(), result: ReportGroup },
} satisfies MethodSpecs;

export const reportPushes = {
  /** Groups that gained reports or were reviewed, and the running counts. */
  'reports.changed': z.object({ ids: z.array(z.string()), counts: ReportCounts }),
} satisfies PushSpecs;
