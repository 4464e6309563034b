import { Type } from 'typebox';

/** `resource.pastTenseVerb`, or `resource.*` for every event of a resource. */
export const EVENT_TYPE_PATTERN = '^[a-z][a-z0-9_]*(\\.[a-zA-Z][a-zA-Z0-9_]*)*(\\.\\*)?$';

export const EventTypeSchema = (description: string) =>
  Type.String({ pattern: EVENT_TYPE_PATTERN, maxLength: 100, description });
