import { z } from 'zod';
import { DECIMAL_PATTERN } from '../kernel/money.js';
import { minutesOf } from '../kernel/time.js';

export { isWellFormed, WELL_FORMED } from '../kernel/text.js';
import { WELL_FORMED } from '../kernel/text.js';

const LONE_SURROGATE = /\p{Cs}/u;

/** The message of the text check: which lone surrogate, and why it is refused. */
function loneSurrogate(issue: { readonly input?: unknown }): string {
  const found = typeof issue.input === 'string' ? LONE_SURROGATE.exec(issue.input) : null;
  const unit = found === null ? '' : ` (U+${found[0].charCodeAt(0).toString(16).toUpperCase()})`;
  return `a lone surrogate${unit} is not text: half of a UTF-16 surrogate pair, it has no UTF-8 form, so no file, report or database could keep it`;
}

const LATER = new WeakSet<object>();

/**
 * Marks an optional field added to an event after fingerprints were first
 * stored (snapshots keep them, for redelivery checks): when it is absent, it
 * leaves an event's fingerprint as it was before the field existed, so an
 * event written earlier is still recognized as itself after an upgrade.
 *
 * @param schema - the field's (optional) schema
 * @returns the same schema, marked
 * @example
 * ```ts
 * const shape = { ownerNotice: later(z.boolean().optional()) };
 * ```
 * @internal
 */
export function later<S extends z.ZodType>(schema: S): S {
  LATER.add(schema);
  return schema;
}

/** Whether a field was marked with {@link later}. @internal */
export function isLater(schema: unknown): boolean {
  return typeof schema === 'object' && schema !== null && LATER.has(schema);
}

/**
 * A string schema with the text check added last: a string holding a lone
 * surrogate is refused (`invalid_format`, "a lone surrogate (U+D800) is not
 * text: ..."). Every string an event keeps as it was given ({@link idSchema},
 * {@link textSchema}, the note) is declared with it; strings with a format
 * (times, amounts, clock times, months) already refuse any non-ASCII.
 *
 * @param schema - a string schema
 * @returns the same schema with the check
 * @example
 * ```ts
 * asText(z.string().max(2000)).safeParse('\udfff').success; // false
 * ```
 * @internal
 */
export function asText<S extends z.ZodString>(schema: S): S {
  return schema.regex(WELL_FORMED, { error: loneSurrogate });
}

/**
 * An identifier of an event, staff member, deal or client: 1 to 128
 * characters of text (no lone surrogate: a string that has no UTF-8 form).
 *
 * @example
 * ```ts
 * idSchema.parse('S01'); // 'S01'
 * ```
 */
export const idSchema = asText(z.string().min(1, 'must not be empty').max(128, 'must be at most 128 characters'));

/**
 * Free text as a registration book or a form gives it (a name, a phone as
 * written, a unit, a reason): trimmed, then 1 to `max` characters of text
 * (no lone surrogate, see {@link asText}).
 *
 * @param max - the most characters (code points) after trimming
 * @returns the schema
 * @example
 * ```ts
 * textSchema(100).parse(' 张伟 '); // '张伟'
 * textSchema(100).safeParse('张\ud800').success; // false: a lone surrogate is not text
 * ```
 */
export function textSchema(max: number) {
  return asText(z.string().trim().min(1).max(max));
}

/**
 * An instant as ISO-8601 with an offset or `Z`, e.g. `2026-11-01T10:00:00+08:00`.
 *
 * @example
 * ```ts
 * instantSchema.parse('2026-11-01T10:00:00+08:00');
 * ```
 */
export const instantSchema = z.iso.datetime({
  offset: true,
  message: 'must be an ISO-8601 time with an offset, e.g. 2026-11-01T10:00:00+08:00',
});

/**
 * A decimal amount held as a string (`"1250000"`, `"0.50"`), never a float:
 * at most 15 digits before the point and 10 after (so never rounded).
 *
 * @example
 * ```ts
 * decimalSchema.parse('1250000.00');
 * ```
 */
export const decimalSchema = z
  .string()
  .regex(DECIMAL_PATTERN, 'must be a decimal string such as "1250000" or "99.50", with at most 15 digits before the point and 10 after');

/**
 * A decimal amount of 0 or more ({@link decimalSchema}; `-0` counts as 0):
 * fines, bonuses, salaries, targets. A negative one would post nothing, or
 * the opposite of what the policy meant.
 *
 * @example
 * ```ts
 * nonNegativeDecimalSchema.safeParse('-400').success; // false: 'must be 0 or more'
 * ```
 */
export const nonNegativeDecimalSchema = decimalSchema.refine((s) => !s.startsWith('-') || /^-0(\.0+)?$/.test(s), { message: 'must be 0 or more' });

/**
 * A local wall-clock time `HH:mm` in the office's time zone.
 *
 * @example
 * ```ts
 * clockSchema.parse('18:00');
 * ```
 */
export const clockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a local time HH:mm such as "18:00"');

/** A local window's minutes of the day as half-open spans; one that runs past midnight is two. */
function spans(w: { readonly from: string; readonly to: string }): (readonly [number, number])[] {
  const from = minutesOf(w.from);
  const to = minutesOf(w.to);
  return from < to ? [[from, to]] : [[from, 1440], [0, to]];
}

/**
 * A list of local windows (claim submission, duty hours) in which one that
 * overlaps or repeats an earlier one is refused at its place: it says one
 * thing twice, or two things at once. Windows that only touch are apart.
 * @internal
 */
export function windowsApart<S extends z.ZodType<{ readonly from: string; readonly to: string }>>(list: z.ZodArray<S>) {
  const overlap = (a: { readonly from: string; readonly to: string }, b: { readonly from: string; readonly to: string }) =>
    spans(a).some(([f, t]) => spans(b).some(([g, u]) => f < u && g < t));
  return list.superRefine(
    (windows, ctx) => {
      windows.forEach((w, i) => {
        const k = windows.findIndex((v, j) => j < i && overlap(v, w));
        const v = windows[k];
        if (v !== undefined) ctx.addIssue({ code: 'custom', path: [i], message: `${w.from}-${w.to} overlaps window ${k} (${v.from}-${v.to})` });
      });
    },
    { when: (p) => p.issues.length === 0 },
  );
}

/**
 * A list of options in which an option listed twice is refused at its
 * second place: a policy that names one twice most likely meant another.
 * @internal
 */
export function listedOnce<T extends z.ZodType<string>>(list: z.ZodArray<T>) {
  return list.superRefine(
    (items, ctx) => {
      items.forEach((item, i) => {
        const first = items.indexOf(item);
        if (first < i) ctx.addIssue({ code: 'custom', path: [i], message: `"${item}" is listed twice (first at ${first})` });
      });
    },
    { when: (p) => p.issues.length === 0 },
  );
}

/**
 * How one person relates to another in a client group (ID-FAMILY, ROT-GROUP-ONE).
 *
 * @example
 * ```ts
 * relationSchema.parse('spouse');
 * ```
 */
export const relationSchema = z.enum(['spouse', 'parent', 'child', 'sibling', 'relative', 'friend', 'colleague']);

/** A relation of {@link relationSchema}. */
export type Relation = z.infer<typeof relationSchema>;

/**
 * Deal stages, from first money to the green line (DEAL-STAGES).
 *
 * @example
 * ```ts
 * dealStageSchema.options; // ['smallDeposit', 'bigDeposit', 'subscription', 'contract', 'loan']
 * ```
 */
export const dealStageSchema = z.enum(['smallDeposit', 'bigDeposit', 'subscription', 'contract', 'loan']);

/** A stage of {@link dealStageSchema}. */
export type DealStage = z.infer<typeof dealStageSchema>;

/**
 * The rank of a deal stage, 0 (small deposit) to 4 (loan disbursed/filed) (DEAL-STAGES).
 *
 * @param stage - a deal stage
 * @returns its rank
 * @example
 * ```ts
 * stageRank('contract') > stageRank('subscription'); // true
 * ```
 */
export function stageRank(stage: DealStage): number {
  return dealStageSchema.options.indexOf(stage);
}

const clientFields = {
  key: idSchema.optional().describe('A client key from an earlier decision: addresses a known client directly.'),
  name: textSchema(100).optional().describe('Name or surname as given.'),
  phone: textSchema(40)
    .optional()
    .describe('Phone as given; may be masked like 138***88888. Normalized by the identity module (ID-PHONE).'),
  company: textSchema(200).optional().describe('Company name, for company buyers (ID-COMPANY).'),
  contact: textSchema(100).optional().describe('Contact person of a company buyer (ID-COMPANY).'),
  need: textSchema(200).optional().describe('The stated need, e.g. "90㎡ 3-bedroom" (ID-MATCH).'),
  reachable: z
    .boolean()
    .optional()
    .describe('false when the phone was found not to reach the client: the registration is invalid (REG-FIELDS).'),
};

function identifies(ref: { key?: string | undefined; name?: string | undefined; phone?: string | undefined; company?: string | undefined }): boolean {
  return Boolean(ref.key ?? ref.name ?? ref.phone ?? ref.company);
}

const identifiesMessage = { message: 'a client needs at least one of key, name, phone or company' };

/**
 * A reference to a client as a registration book records it: any of a known
 * key, a name, a phone, or a company with its contact person.
 *
 * @example
 * ```ts
 * clientRefSchema.parse({ name: '张伟', phone: '138 1234 5678' });
 * ```
 */
export const clientRefSchema = z.strictObject(clientFields).refine(identifies, identifiesMessage);

/** A client reference of {@link clientRefSchema}. */
export type ClientRef = z.infer<typeof clientRefSchema>;

/**
 * Another person in a visiting party or a claim, with their relation to the
 * main client (ID-GROUP-ONE, ID-FAMILY, ROT-GROUP-ONE).
 *
 * @example
 * ```ts
 * partyMemberSchema.parse({ name: '李娜', relation: 'spouse' });
 * ```
 */
export const partyMemberSchema = z
  .strictObject({ ...clientFields, relation: relationSchema })
  .refine(identifies, identifiesMessage);

/** A party member of {@link partyMemberSchema}. */
export type PartyMember = z.infer<typeof partyMemberSchema>;

/**
 * The fields every event carries: schema version, id, time and office.
 * @internal
 */
export const envelope = {
  v: z.literal(1, { message: 'unsupported schema version: this release reads version 1' }),
  id: idSchema.describe('Unique event id; a redelivery with the same id and payload is a no-op.'),
  at: instantSchema.describe('When it happened, ISO-8601 with offset.'),
  office: idSchema.describe('The sales office (案场) the event belongs to.'),
  note: asText(z.string().max(2000)).optional().describe('Free text kept with the event.'),
};
