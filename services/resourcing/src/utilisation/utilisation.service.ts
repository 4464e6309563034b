import type { Database, Queryable, QuotaStatus } from '@tym/db';
import { endOfDayInHelsinki, type LocalDate, todayInHelsinki } from '@tym/domain';
import { recordEvent } from '@tym/jobs';
import { AppError, type Clock, type Principal } from '@tym/platform';
import { DEFAULT_TARGET_CASELOAD_PER_FTE } from '../agreements/agreement-settings.js';
import { findAreaAccessFacts } from '../area-access/area-access.repository.js';
import { CooperationAreaErrors } from '../cooperation-areas/cooperation-areas.errors.js';
import { isUuid } from '../cooperation-areas/cooperation-areas.service.js';
import { governancePolicy } from '../policy.js';
import { findUtilisationRows } from './utilisation.report.js';
import { upsertQuotaStates } from './utilisation.repository.js';
import { capacityOf, crossingEventType, quotaStatus, utilisationPercent } from './utilisation.rules.js';

type Deps = { db: Database; clock: Clock };

export interface PersonUtilisation {
  staffId: string;
  displayName: string;
  fte: number;
  caseload: number;
  responsibleCases: number;
  capacity: number;
  utilisationPercent: number | null;
}

export interface PartyUtilisation {
  organisationCode: string;
  roles: string[];
  committedFte: number;
  committedHeadcount: number;
  allocatedFte: number;
  allocatedHeadcount: number;
  capacity: number;
  activeCases: number;
  utilisationPercent: number | null;
  status: QuotaStatus;
  people: PersonUtilisation[];
}

export interface AreaUtilisation {
  cooperationAreaId: string;
  on: string;
  agreement: { id: string; version: number } | null;
  targetCaseloadPerFte: number;
  targetSource: 'agreement' | 'default';
  parties: PartyUtilisation[];
  totals: {
    committedFte: number;
    allocatedFte: number;
    capacity: number;
    activeCases: number;
    utilisationPercent: number | null;
  };
}

const milli = (text: string) => Math.round(Number(text) * 1000);

/** Computes the report from the one-statement query (see utilisation.report.ts). */
export async function computeAreaUtilisation(
  db: Queryable,
  areaId: string,
  on: LocalDate,
  options: { people?: boolean } = {},
): Promise<AreaUtilisation> {
  const rows = await findUtilisationRows(db, areaId, on, endOfDayInHelsinki(on), options);
  const first = rows[0];
  const target = first?.target_caseload_per_fte
    ? Number(first.target_caseload_per_fte)
    : DEFAULT_TARGET_CASELOAD_PER_FTE;
  const parties = rows.map((r): PartyUtilisation => {
    const committed = milli(r.committed_fte);
    const allocated = milli(r.allocated_fte);
    const capacity = capacityOf(committed, target);
    return {
      organisationCode: r.organisation_code,
      roles: r.roles,
      committedFte: committed / 1000,
      committedHeadcount: r.committed_headcount,
      allocatedFte: allocated / 1000,
      allocatedHeadcount: r.allocated_headcount,
      capacity,
      activeCases: r.active_cases,
      utilisationPercent: utilisationPercent(r.active_cases, capacity),
      status: quotaStatus({
        committedFteMilli: committed,
        allocatedFteMilli: allocated,
        activeCases: r.active_cases,
        targetCaseloadPerFte: target,
      }),
      people: r.people.map((p) => {
        const personCapacity = capacityOf(milli(p.fte), target);
        return {
          staffId: p.staffId,
          displayName: p.displayName,
          fte: milli(p.fte) / 1000,
          caseload: p.caseload,
          responsibleCases: p.responsibleCases,
          capacity: personCapacity,
          utilisationPercent: utilisationPercent(p.caseload, personCapacity),
        };
      }),
    };
  });
  const sum = (f: (p: PartyUtilisation) => number) =>
    Math.round(parties.reduce((s, p) => s + f(p), 0) * 1000) / 1000;
  const capacity = sum((p) => p.capacity);
  // A case with responsible persons of two parties counts for each party, and once in total
  // only when counted per party: totals add the party figures as shown.
  const activeCases = sum((p) => p.activeCases);
  return {
    cooperationAreaId: areaId,
    on,
    agreement: first?.agreement_id ? { id: first.agreement_id, version: first.agreement_version ?? 0 } : null,
    targetCaseloadPerFte: target,
    targetSource: first?.target_caseload_per_fte ? 'agreement' : 'default',
    parties,
    totals: {
      committedFte: sum((p) => p.committedFte),
      allocatedFte: sum((p) => p.allocatedFte),
      capacity,
      activeCases,
      utilisationPercent: utilisationPercent(activeCases, capacity),
    },
  };
}

/**
 * `GET /v1/cooperation-areas/{id}/utilisation`: coordinators and admins of a party, members of
 * the area's management group, and caseworkers allocated to the area; 404 for anyone else.
 */
export async function getAreaUtilisation(
  deps: Deps,
  principal: Principal,
  areaId: string,
  on: LocalDate | undefined,
): Promise<AreaUtilisation> {
  const facts = await findAreaAccessFacts(deps.db, areaId, principal.org, principal.sub);
  if (!facts.areaExists || !governancePolicy.readUtilisation(principal, facts)) {
    throw new AppError(CooperationAreaErrors.COOPERATION_AREA_NOT_FOUND, {
      detail: `No cooperation area ${areaId} whose figures you may read.`,
    });
  }
  return computeAreaUtilisation(deps.db, areaId, on ?? todayInHelsinki(deps.clock.now()));
}

export interface QuotaCrossing {
  organisationCode: string;
  previousStatus: QuotaStatus;
  status: QuotaStatus;
  /** `quota.exceeded`, `staffing.below_commitment` or `quota.restored`; null when no event is due. */
  eventType: string | null;
}

/**
 * Compares each party's staffing status in the area today with the last recorded one and
 * writes `quota.exceeded` (cases over capacity), `staffing.below_commitment` (fewer FTE
 * allocated than committed) or `quota.restored` (back to ok) once per crossing: the state
 * change is one conditional upsert, so of two concurrent evaluations only one sees the change
 * and writes the event. Runs in a transaction (a savepoint inside the caller's), so the state
 * and the event commit together. For the worker (case-team, allocation and agreement events)
 * and this service's own changes.
 */
export async function evaluateQuotaCrossings(
  db: Queryable,
  cooperationAreaId: string,
  now: Date,
): Promise<QuotaCrossing[]> {
  if (!isUuid(cooperationAreaId)) return [];
  return db.transaction(async (tx) => {
    const report = await computeAreaUtilisation(tx, cooperationAreaId, todayInHelsinki(now));
    const changed = await upsertQuotaStates(
      tx,
      cooperationAreaId,
      report.parties.map((p) => ({ organisationCode: p.organisationCode, status: p.status })),
      now,
    );
    const crossings: QuotaCrossing[] = [];
    for (const row of changed) {
      const previous = (row.previous_status ?? 'ok') as QuotaStatus;
      const status = row.status as QuotaStatus;
      const eventType = crossingEventType(previous, status);
      crossings.push({
        organisationCode: row.organisation_code,
        previousStatus: previous,
        status,
        eventType,
      });
      if (!eventType) continue;
      const party = report.parties.find((p) => p.organisationCode === row.organisation_code);
      await recordEvent(tx, {
        type: eventType,
        occurredAt: now,
        organisationCodes: report.parties.map((p) => p.organisationCode),
        cooperationAreaId,
        subjectType: 'cooperation_area',
        subjectId: cooperationAreaId,
        actor: null,
        payload: {
          cooperationAreaId,
          organisationCode: row.organisation_code,
          status,
          previousStatus: previous,
          committedFte: party?.committedFte ?? 0,
          allocatedFte: party?.allocatedFte ?? 0,
          capacity: party?.capacity ?? 0,
          activeCases: party?.activeCases ?? 0,
          agreementId: report.agreement?.id ?? null,
        },
      });
    }
    return crossings;
  });
}
