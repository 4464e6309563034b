import type { Lang } from '@tym/domain';
import type { Static, TSchema } from 'typebox';

/**
 * Who is told of an event in their notification inbox (and by e-mail), derived at dispatch
 * (services/worker notifications):
 * - `case_team`: the current team of the event's case;
 * - `area_coordinators`: the coordinators of the event's organisations allocated to its
 *   cooperation area (a new referral);
 * - `meeting_participants`: the meeting's staff participants, and the client and guests who
 *   gave an address (by e-mail, with the invitation);
 * - `organisation_admins`: the administrators of the event's organisations;
 * - `none`: nobody is told (the event changes timers, or is for partner systems and the feed).
 * The person who caused an event is never told of it.
 */
export type EventRecipients =
  | 'case_team'
  | 'area_coordinators'
  | 'meeting_participants'
  | 'organisation_admins'
  | 'none';

/** A notification's readable title and body. `{name}` is filled from the payload (event-texts.ts). */
export interface EventText {
  title: string;
  body: string;
}

/**
 * One event type (architecture.md, Jobs: "Events have a typed catalog too"). Every event
 * written with `recordEvent` has a type here, and its payload matches `payload`.
 */
export interface EventDefinition<S extends TSchema = TSchema, Sub extends string = string> {
  /** What happened, for the docs, the OpenAPI document and `GET /v1/event-types`. */
  description: string;
  /** The event's `subjectType`: what `subjectId` names. */
  subject: Sub;
  payload: S;
  /** Whose organisation codes the event carries: who sees it in the feed and may receive its webhooks. */
  audience: string;
  /** Who is told in the notification inbox. */
  recipients: EventRecipients;
  /** Whether partner systems may subscribe to it by webhook. */
  subscribable: boolean;
  texts: Record<Lang, EventText>;
  /** A payload as the code writes it: documents the type and feeds the texts test. */
  example: Static<S>;
}

export function defineEvent<S extends TSchema, Sub extends string>(
  def: EventDefinition<S, Sub>,
): EventDefinition<S, Sub> {
  return def;
}
