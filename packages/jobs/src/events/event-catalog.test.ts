import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Value from 'typebox/value';
import { describe, expect, it } from 'vitest';
import { assertThinPayload } from '../outbox.js';
import { EVENT_TYPES, eventCatalog, SUBSCRIBABLE_EVENT_TYPES } from './event-catalog.js';
import { fillText, placeholdersOf, renderEventText, textParamsOf } from './event-texts.js';

const LANGS = ['fi', 'sv', 'en'] as const;
const RAW_TYPE = /\b[a-z_]+\.[a-z_]+\b/;

describe('the event catalog', () => {
  it('has a valid, thin example payload for every type', () => {
    for (const type of EVENT_TYPES) {
      const def = eventCatalog[type];
      expect(
        Value.Check(def.payload, def.example),
        `${type}: ${JSON.stringify(Value.Errors(def.payload, def.example))}`,
      ).toBe(true);
      expect(() => assertThinPayload(def.example), type).not.toThrow();
      expect(def.description.length, type).toBeGreaterThan(10);
      expect(
        (def.payload as { additionalProperties?: unknown }).additionalProperties,
        `${type} payload is closed`,
      ).toBe(false);
    }
  });

  it('has a readable title and body in fi, sv and en for every type, every placeholder filled by its example', () => {
    for (const type of EVENT_TYPES) {
      const def = eventCatalog[type];
      const params = textParamsOf(def.example as Record<string, unknown>);
      for (const lang of LANGS) {
        const text = def.texts[lang];
        for (const template of [text.title, text.body]) {
          const filled = fillText(template, params, lang);
          expect(
            filled,
            `${type} ${lang}: "${template}" has a placeholder its example cannot fill`,
          ).not.toBeNull();
          expect(filled, `${type} ${lang}`).not.toMatch(/[{}]/);
          expect(filled, `${type} ${lang}: no raw event type`).not.toMatch(RAW_TYPE);
          for (const name of placeholdersOf(template)) {
            expect(['case', 'deadlineKind', ...Object.keys(params)], `${type} ${lang} {${name}}`).toContain(
              name,
            );
          }
        }
        const rendered = renderEventText(type, params, lang);
        expect(rendered.title.length, `${type} ${lang}`).toBeGreaterThan(3);
        expect(rendered.body, `${type} ${lang}`).toMatch(/[.!]$/);
        expect(rendered.title, `${type} ${lang}`).not.toContain(type);
      }
      // Three languages, not one text copied three times.
      expect(new Set(LANGS.map((l) => def.texts[l].title)).size, type).toBeGreaterThan(1);
      expect(new Set(LANGS.map((l) => def.texts[l].body)).size, type).toBe(3);
    }
  });

  it('names a case by its reference and dates as people read them', () => {
    const { example } = eventCatalog['plan.reviewed'];
    const params = textParamsOf(example);
    expect(renderEventText('plan.reviewed', params, 'fi')).toEqual({
      title: 'Suunnitelma tarkistettu – TYM-6F1C2D3E',
      body: 'Asiakkuuden TYM-6F1C2D3E suunnitelma tarkistettiin 15.6.2026. Seuraava tarkistus viimeistään 15.9.2026.',
    });
    const meeting = renderEventText(
      'meeting.scheduled',
      textParamsOf(eventCatalog['meeting.scheduled'].example),
      'sv',
    );
    expect(meeting.body).toBe(
      'Du är kallad till ett gemensamt möte om klientrelationen TYM-6F1C2D3E 19.3.2026 10.00.',
    );
    const deadline = renderEventText(
      'deadline.moved',
      textParamsOf(eventCatalog['deadline.moved'].example),
      'en',
    );
    expect(deadline.title).toBe('Deadline moved: Joint employment plan');
  });

  it('lets partners subscribe to every type that has parties', () => {
    expect(SUBSCRIBABLE_EVENT_TYPES).not.toContain('reference_data.loaded');
    expect(SUBSCRIBABLE_EVENT_TYPES.length).toBe(EVENT_TYPES.length - 1);
  });

  it('knows every event type the code writes', () => {
    // The type system refuses a recordEvent of a type outside the catalog; this catches the
    // literals that reach it through helpers (`emit`, `meetingEvent`, `crossingEventType`).
    const root = fileURLToPath(new URL('../../../../', import.meta.url));
    const written = new Set<string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (['node_modules', 'dist', 'testing'].includes(entry.name)) continue;
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
          const source = readFileSync(path, 'utf8');
          if (!/recordEvent|meetingEvent\(|emit\(tx|crossingEventType/.test(source)) continue;
          for (const m of source.matchAll(
            /(?:type: |meetingEvent\(tx, |emit\(tx, |return )'([a-z_]+\.[a-z_]+)'/g,
          )) {
            written.add(m[1] as string);
          }
        }
      }
    };
    walk(join(root, 'services'));
    walk(join(root, 'packages'));
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((t) => !(t in eventCatalog)).sort()).toEqual([]);
  });
});
