import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { principalOf, problemResponses } from '@tym/platform';
import { type Static, Type } from 'typebox';
import type { NotificationsDeps } from '../deps.js';
import { findSettings, type SettingsRow, upsertSettings } from './settings.repository.js';

const Language = Type.Union([Type.Literal('fi'), Type.Literal('sv'), Type.Literal('en')], {
  description: 'fi, sv or en',
});

export const NotificationSettingsDto = Type.Object(
  {
    emailEnabled: Type.Boolean({
      description: 'Notifications are also sent by e-mail (to the work address)',
    }),
    language: Type.Union([Language, Type.Null()], {
      description: 'Language of notifications and e-mails; null follows Accept-Language and the default',
    }),
    effectiveLanguage: Language,
  },
  { description: 'The caller’s notification settings' },
);
export type NotificationSettingsDto = Static<typeof NotificationSettingsDto>;

export const NotificationSettingsBody = Type.Object(
  {
    emailEnabled: Type.Boolean({ description: 'Send notifications by e-mail too' }),
    language: Type.Union([Language, Type.Null()], {
      description: 'Language of notifications and e-mails; null for the default',
    }),
  },
  { additionalProperties: false, description: 'The settings to keep (replaces both)' },
);

function toDto(row: SettingsRow | null, fallback: 'fi' | 'sv' | 'en'): NotificationSettingsDto {
  const language = row?.language ?? null;
  return { emailEnabled: row?.emailEnabled ?? true, language, effectiveLanguage: language ?? fallback };
}

/** `GET/PUT /v1/staff/me/notification-settings`: anyone with a token keeps their own. */
export function notificationSettingsRoutes(deps: NotificationsDeps): FastifyPluginAsyncTypebox {
  return async (app) => {
    app.get(
      '/v1/staff/me/notification-settings',
      {
        schema: {
          tags: ['notifications'],
          summary: 'The caller’s notification settings (e-mail on or off, language)',
          response: { 200: NotificationSettingsDto, ...problemResponses() },
        },
      },
      async (request) => {
        const p = principalOf(request);
        return toDto(await findSettings(deps.db, p.org, p.sub), request.lang);
      },
    );
    app.put(
      '/v1/staff/me/notification-settings',
      {
        schema: {
          tags: ['notifications'],
          summary: 'Sets the caller’s notification settings',
          body: NotificationSettingsBody,
          response: { 200: NotificationSettingsDto, ...problemResponses() },
        },
      },
      async (request) => {
        const p = principalOf(request);
        const row = await upsertSettings(deps.db, {
          organisationCode: p.org,
          subject: p.sub,
          emailEnabled: request.body.emailEnabled,
          language: request.body.language,
          now: deps.clock.now(),
        });
        return toDto(row, request.lang);
      },
    );
  };
}
