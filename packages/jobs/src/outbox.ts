import { caseSequences, events, type Queryable } from '@tym/db';
import { sql } from 'drizzle-orm';
import Value from 'typebox/value';
import {
  type EventPayload,
  type EventSubject,
  type EventType,
  eventCatalog,
  isEventType,
} from './events/event-catalog.js';
import { noteEventWritten } from './wake.js';

export interface Actor {
  organisation: string;
  sub: string;
}

/**
 * An event to record: its `type` is one of the catalog (events/event-catalog.ts), and the
 * type narrows `subjectType` and `payload` to what the catalog says of it.
 */
export interface NewEvent<T extends EventType = EventType> {
  /** `resource.pastTenseVerb`, e.g. `referral.accepted`. */
  type: T;
  occurredAt: Date;
  /** Organisations that are parties of what happened (who may receive the event). */
  organisationCodes: string[];
  cooperationAreaId?: string | null;
  caseId?: string | null;
  subjectType: EventSubject<T>;
  subjectId: string;
  actor?: Actor | null;
  /** Ids, codes, dates and versions only. Never names, identity codes or free text. */
  payload: EventPayload<T>;
}

export interface RecordedEvent {
  id: number;
  eventId: string;
  caseSequence: number | null;
}

const FORBIDDEN_PAYLOAD_KEYS =
  /identitycode|hetu|firstname|lastname|name$|email|phone|address|description|notes|text$/i;

/** A payload that carries personal data is a programming error: refuse it loudly. */
export function assertThinPayload(payload: unknown, path = 'payload'): void {
  if (Array.isArray(payload)) {
    payload.forEach((item, i) => {
      assertThinPayload(item, `${path}[${i}]`);
    });
    return;
  }
  if (!payload || typeof payload !== 'object') return;
  for (const [key, value] of Object.entries(payload)) {
    if (FORBIDDEN_PAYLOAD_KEYS.test(key)) throw new Error(`event ${path}.${key} looks like personal data`);
    assertThinPayload(value, `${path}.${key}`);
  }
}

/**
 * Refuses a type the catalog does not know or a payload that does not match its schema: the
 * catalog is what partners are told (OpenAPI `webhooks`, `GET /v1/event-types`), so a
 * mismatch is a programming error, refused as loudly as personal data is.
 */
export function assertCataloguedEvent(type: string, subjectType: string, payload: unknown): void {
  if (!isEventType(type)) throw new Error(`event type ${type} is not in the event catalog`);
  const def = eventCatalog[type];
  if (subjectType !== def.subject)
    throw new Error(`event ${type} is about a ${def.subject}, not ${subjectType}`);
  if (!Value.Check(def.payload, payload)) {
    const first = Value.Errors(def.payload, payload)[0];
    throw new Error(
      `event ${type} payload${first?.instancePath ?? ''} does not match the catalog: ${first?.message ?? 'invalid'}`,
    );
  }
}

/**
 * Writes an event in the caller's transaction (the outbox). Events of a case get the next
 * per-case sequence number; the counter row's lock orders concurrent writers of one case.
 * No NOTIFY (it serialised every event-writing commit on a cluster-wide lock): the
 * connection is marked, and the relay is woken when the transaction ends (wake.ts), with
 * the relay's polling as the safety net.
 */
export async function recordEvent<T extends EventType>(
  tx: Queryable,
  event: NewEvent<T>,
): Promise<RecordedEvent> {
  const payload = checkedPayload(event);
  let caseSequence: number | null = null;
  if (event.caseId) {
    const [row] = await tx
      .insert(caseSequences)
      .values({ caseId: event.caseId, last: 1 })
      .onConflictDoUpdate({ target: caseSequences.caseId, set: { last: sql`${caseSequences.last} + 1` } })
      .returning({ last: caseSequences.last });
    caseSequence = row?.last ?? null;
  }
  const [row] = await tx
    .insert(events)
    .values({
      type: event.type,
      occurredAt: event.occurredAt,
      organisationCodes: [...new Set(event.organisationCodes)].sort(),
      cooperationAreaId: event.cooperationAreaId ?? null,
      caseId: event.caseId ?? null,
      caseSequence,
      subjectType: event.subjectType,
      subjectId: event.subjectId,
      actorOrganisation: event.actor?.organisation ?? null,
      actorSub: event.actor?.sub ?? null,
      payload,
    })
    .returning({ id: events.id, eventId: events.eventId });
  if (!row) throw new Error('event insert returned nothing');
  noteEventWritten(tx);
  return { id: row.id, eventId: row.eventId, caseSequence };
}

function checkedPayload<T extends EventType>(event: NewEvent<T>): Record<string, unknown> {
  const payload = event.payload as Record<string, unknown>;
  assertThinPayload(payload);
  assertCataloguedEvent(event.type, event.subjectType, payload);
  return payload;
}

/** The `platform.events` columns of an event that is not a case's (no case sequence). */
export interface OutboxRow {
  type: EventType;
  occurredAt: Date;
  organisationCodes: string[];
  cooperationAreaId: string | null;
  subjectType: string;
  subjectId: string;
  actorOrganisation: string | null;
  actorSub: string | null;
  payload: Record<string, unknown>;
}

/**
 * The row `recordEvent` would write, checked as it checks it, for a caller that writes the
 * event in one statement with other rows (issue 14: a statement per row was the cost). Only
 * for events outside a case: a case's events take the next number of the case's counter,
 * which `recordEvent` does. The caller must call `noteEventWritten(tx)` once the statement
 * has written the rows, so the relay is woken after the commit.
 */
export function eventRowOf<T extends EventType>(event: NewEvent<T>): OutboxRow {
  if (event.caseId) throw new Error(`event ${event.type} of a case: write it with recordEvent`);
  return {
    type: event.type,
    occurredAt: event.occurredAt,
    organisationCodes: [...new Set(event.organisationCodes)].sort(),
    cooperationAreaId: event.cooperationAreaId ?? null,
    subjectType: event.subjectType,
    subjectId: event.subjectId,
    actorOrganisation: event.actor?.organisation ?? null,
    actorSub: event.actor?.sub ?? null,
    payload: checkedPayload(event),
  };
}
