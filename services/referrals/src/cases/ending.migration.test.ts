import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, type DbHandle, migrationsFolder } from '@tym/db';
import { adminUrl, dropDatabase, withAdmin } from '@tym/db/testing';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * Migration 0014_referrals_ending_transfer on rows written before it: every ended case gets
 * the one §8 ground, and the old reason codes become outcomes (381/2023 §8).
 */
describe('migration 0014: ending ground and outcome of existing rows', () => {
  const name = `tym_m_${randomBytes(6).toString('hex')}`;
  const before = mkdtempSync(join(tmpdir(), 'tym-migrations-'));
  let handle: DbHandle;

  beforeAll(async () => {
    await withAdmin((client) => client.query(`CREATE DATABASE "${name}"`));
    const url = new URL(adminUrl());
    url.pathname = `/${name}`;
    handle = createDb({ url: url.toString(), max: 1, applicationName: 'tym-migration-test' });
    // The migrations before this one: a database as it was before it.
    cpSync(migrationsFolder, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as {
      entries: Array<{ idx: number; tag: string }>;
    };
    const self = journal.entries.find((e) => e.tag.endsWith('_referrals_ending_transfer'));
    if (!self) throw new Error('migration referrals_ending_transfer not in the journal');
    journal.entries = journal.entries.filter((e) => e.idx < self.idx);
    writeFileSync(journalPath, JSON.stringify(journal));
    await migrate(handle.db, { migrationsFolder: before });
  }, 120_000);
  afterAll(async () => {
    await handle?.close();
    await withAdmin((client) => dropDatabase(client, name));
    rmSync(before, { recursive: true, force: true });
  });

  it('sets the ground on ended cases and maps the old reason codes to outcomes', async () => {
    const q = (text: string, values: unknown[] = []) => handle.pool.query(text, values);
    const clientId = randomUUID();
    await q(
      `INSERT INTO referrals.clients (id, identity_code_encrypted, identity_code_index, first_names, last_name,
         home_municipality_code, preferred_language, created_by_organisation, created_at, updated_at)
       VALUES ($1, 'v1.x', 'index', 'A', 'B', '245', 'fi', 'kela', now(), now())`,
      [clientId],
    );
    const cases: Record<string, string> = {};
    for (const reason of ['coordination_no_longer_needed', 'moved_away', 'employed', 'open']) {
      const referralId = randomUUID();
      const caseId = randomUUID();
      cases[reason] = caseId;
      await q(
        `INSERT INTO referrals.referrals (id, client_id, cooperation_area_id, home_municipality_code,
           employment_authority_code, wellbeing_county_organiser_code, referring_organisation_code, referred_by_sub,
           grounds, description, submitted_at, submitted_on, respond_by, response_days, updated_at)
         VALUES ($1, $2, $3, '245', 'ea-kerava-sipoo', 'hva-vantaa-kerava', $4, 'k',
           ARRAY['life_management_problems'], 'x', now(), '2026-01-05', '2026-01-19', 14, now())`,
        [referralId, clientId, randomUUID(), `referrer-${reason}`],
      );
      const ended = reason !== 'open';
      await q(
        `INSERT INTO referrals.cases (id, client_id, referral_id, cooperation_area_id, employment_authority_code,
           wellbeing_county_organiser_code, party_organisation_codes, status, assessment_started_on, plan_due_on,
           activated_on, ended_on, end_reason_code, erasure_due_on, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'ea-kerava-sipoo', 'hva-vantaa-kerava', ARRAY['ea-kerava-sipoo', 'hva-vantaa-kerava', 'kela'],
           $5, '2026-01-05', '2026-04-07', $6, $7, $8, $9, now(), now())`,
        [
          caseId,
          clientId,
          referralId,
          randomUUID(),
          ended ? 'ended' : 'assessment',
          ended ? '2026-01-20' : null,
          ended ? '2026-02-01' : null,
          ended ? reason : null,
          ended ? '2030-02-01' : null,
        ],
      );
      await q(
        `INSERT INTO referrals.case_ending_proposals (case_id, reason_code, required_organisation_codes, status,
           proposed_at, proposed_by_organisation, proposed_by_sub, closed_at)
         VALUES ($1, $2, ARRAY['kela'], $3, now(), 'kela', 'k', $4)`,
        [caseId, ended ? reason : 'moved_away', ended ? 'completed' : 'open', ended ? new Date() : null],
      );
    }

    await migrate(handle.db, { migrationsFolder });

    const rows = await q(
      `SELECT c.id, c.end_ground, c.end_reason_code, p.ground, p.reason_code
         FROM referrals.cases c JOIN referrals.case_ending_proposals p ON p.case_id = c.id`,
    );
    const by = Object.fromEntries(rows.rows.map((r) => [r.id, r]));
    expect(by[cases.coordination_no_longer_needed ?? '']).toMatchObject({
      end_ground: 'support_no_longer_needed',
      end_reason_code: 'other',
      ground: 'support_no_longer_needed',
      reason_code: 'other',
    });
    expect(by[cases.moved_away ?? '']).toMatchObject({
      end_ground: 'support_no_longer_needed',
      end_reason_code: 'other',
    });
    expect(by[cases.employed ?? '']).toMatchObject({
      end_ground: 'support_no_longer_needed',
      end_reason_code: 'employed',
      reason_code: 'employed',
    });
    // An open case has no ground yet; its open proposal's old code is an outcome now.
    expect(by[cases.open ?? '']).toMatchObject({
      end_ground: null,
      end_reason_code: null,
      reason_code: 'other',
    });
  });
});
