import type { MeetingMode } from '@tym/db';
import { invalidField } from '@tym/platform';
import {
  DEFAULT_TIME_ZONE,
  instantToLocal,
  isLocalDateTime,
  isTimeZone,
  zonedToInstant,
} from '../time-zones.js';
import { MeetingErrors } from './meetings.errors.js';

/** Longest joint meeting the service books: a working day. */
export const MAX_DURATION_MINUTES = 12 * 60;

export interface TimingInput {
  start: string;
  timeZone?: string;
  durationMinutes?: number;
  end?: string;
}

export interface Timing {
  localStart: string;
  timeZone: string;
  startsAt: Date;
  endsAt: Date;
  durationMinutes: number;
}

/** Start, zone and length of a meeting: each bad value has its own code and location. */
export function resolveTiming(input: TimingInput, now: Date): Timing {
  const timeZone = input.timeZone ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(timeZone)) {
    throw invalidField(
      MeetingErrors.MEETING_TIME_ZONE_UNKNOWN,
      'body.timeZone',
      `${timeZone} is not an IANA time zone name (e.g. Europe/Helsinki)`,
      'timeZone',
    );
  }
  if (!isLocalDateTime(input.start)) {
    throw invalidField(
      MeetingErrors.MEETING_START_INVALID,
      'body.start',
      'is not a real date and time',
      'dateTime',
    );
  }
  const startsAt = zonedToInstant(input.start, timeZone);
  let durationMinutes: number;
  if (input.end !== undefined) {
    if (input.durationMinutes !== undefined) {
      throw invalidField('VALIDATION_FAILED', 'body.end', 'give durationMinutes or end, not both', 'oneOf');
    }
    if (!isLocalDateTime(input.end)) {
      throw invalidField(
        MeetingErrors.MEETING_START_INVALID,
        'body.end',
        'is not a real date and time',
        'dateTime',
      );
    }
    const endsAt = zonedToInstant(input.end, timeZone);
    if (endsAt.getTime() <= startsAt.getTime()) {
      throw invalidField(
        MeetingErrors.MEETING_END_BEFORE_START,
        'body.end',
        'must be after the start',
        'range',
      );
    }
    durationMinutes = Math.round((endsAt.getTime() - startsAt.getTime()) / 60_000);
  } else {
    if (input.durationMinutes === undefined) {
      throw invalidField(
        MeetingErrors.MEETING_DURATION_INVALID,
        'body.durationMinutes',
        'is required (or give end)',
        'required',
      );
    }
    durationMinutes = input.durationMinutes;
  }
  if (durationMinutes <= 0 || durationMinutes > MAX_DURATION_MINUTES) {
    throw invalidField(
      MeetingErrors.MEETING_DURATION_INVALID,
      input.end !== undefined ? 'body.end' : 'body.durationMinutes',
      `must be between 1 and ${MAX_DURATION_MINUTES} minutes`,
      'range',
    );
  }
  if (startsAt.getTime() < now.getTime()) {
    throw invalidField(MeetingErrors.MEETING_IN_PAST, 'body.start', 'is in the past', 'future');
  }
  return {
    localStart: instantToLocal(startsAt, timeZone),
    timeZone,
    startsAt,
    endsAt: new Date(startsAt.getTime() + durationMinutes * 60_000),
    durationMinutes,
  };
}

export function resolvePlace(input: { mode: MeetingMode; address?: string; onlineUrl?: string }) {
  if (input.mode === 'in_person' && !input.address) {
    throw invalidField(
      MeetingErrors.MEETING_PLACE_REQUIRED,
      'body.address',
      'is required for an in-person meeting',
      'required',
    );
  }
  if (input.mode === 'remote' && !input.onlineUrl) {
    throw invalidField(
      MeetingErrors.MEETING_PLACE_REQUIRED,
      'body.onlineUrl',
      'is required for a remote meeting',
      'required',
    );
  }
  return {
    mode: input.mode,
    address: input.mode === 'in_person' ? (input.address ?? null) : null,
    onlineUrl: input.mode === 'remote' ? (input.onlineUrl ?? null) : null,
  };
}
