import type { Static } from 'typebox';
import { deadlineAndWebhookEvents } from './deadline.events.js';
import type { EventDefinition, EventRecipients, EventText } from './event-definition.js';
import { planningEvents } from './planning.events.js';
import { referralEvents } from './referral.events.js';
import { resourcingEvents } from './resourcing.events.js';

export type { EventDefinition, EventRecipients, EventText };

/**
 * The one catalog of events (architecture.md, Jobs: "Events have a typed catalog too"), beside
 * the job catalog: type → payload schema, subject, whose organisations it carries, who is told,
 * whether partners may subscribe, an example and fi/sv/en texts. One file per owning domain.
 */
export const eventCatalog = {
  ...referralEvents,
  ...planningEvents,
  ...deadlineAndWebhookEvents,
  ...resourcingEvents,
} as const;

export type EventCatalog = typeof eventCatalog;
export type EventType = keyof EventCatalog;
export type EventPayload<T extends EventType> = Static<EventCatalog[T]['payload']>;
export type EventSubject<T extends EventType> = EventCatalog[T]['subject'];

export const EVENT_TYPES = Object.keys(eventCatalog) as EventType[];

export function isEventType(type: string): type is EventType {
  return Object.hasOwn(eventCatalog, type);
}

/** The definition of a type, or undefined for a type the catalog does not know (old rows). */
export function eventDefinition(type: string): EventDefinition | undefined {
  return isEventType(type) ? (eventCatalog[type] as EventDefinition) : undefined;
}

/** The types a partner may subscribe to by webhook. */
export const SUBSCRIBABLE_EVENT_TYPES = EVENT_TYPES.filter((t) => eventCatalog[t].subscribable);

export function isSubscribable(type: string): boolean {
  return eventDefinition(type)?.subscribable === true;
}

/**
 * An event of `type` with the catalog's example payload (overridden by `payload`): for tests
 * and benchmarks that need a valid event of some type.
 */
export function exampleEvent<T extends EventType>(
  type: T,
  fields: {
    occurredAt: Date;
    organisationCodes: string[];
    subjectId: string;
    cooperationAreaId?: string | null;
    caseId?: string | null;
    actor?: { organisation: string; sub: string } | null;
    payload?: Partial<EventPayload<T>>;
  },
) {
  const def = eventCatalog[type];
  return {
    ...fields,
    type,
    subjectType: def.subject as EventSubject<T>,
    payload: { ...(def.example as EventPayload<T>), ...(fields.payload ?? {}) } as EventPayload<T>,
  };
}

/**
 * Narrows an event row (platform.events) to one of `types`, with the payload its catalog
 * schema describes: consumers read `event.payload.requestedOn` typed, not as `unknown`.
 */
export function isEventOf<R extends { type: string; payload: unknown }, T extends EventType>(
  row: R,
  ...types: T[]
): row is R & { type: T; payload: EventPayload<T> } {
  return (types as string[]).includes(row.type);
}

/**
 * Why a webhook subscription filter (`type` or `resource.*`) is refused, or null when it
 * names at least one type partners may subscribe to.
 */
export function subscriptionProblem(filter: string): 'unknown' | 'not_subscribable' | null {
  const matches = filter.endsWith('.*')
    ? EVENT_TYPES.filter((t) => t.startsWith(filter.slice(0, -1)))
    : EVENT_TYPES.filter((t) => t === filter);
  if (!matches.length) return 'unknown';
  return matches.some((t) => eventCatalog[t].subscribable) ? null : 'not_subscribable';
}
