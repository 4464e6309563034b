import { eventCatalog } from '@tym/jobs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../testing/harness.js';

const CASE = '00000000-0000-4000-8000-0000000000c2';
const PLAN = '00000000-0000-4000-8000-0000000000d2';

interface FeedItem {
  id: string;
  position: number;
  type: string;
  caseSequence: number | null;
}

describe('event feed', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness();
    // A case the municipality and Kela share; one event of it concerns the HVA and the
    // municipality only, so Kela sees a gap in the case sequence.
    await h.addEvent({ type: 'referral.submitted', organisationCodes: ['helsinki', 'kela'], caseId: CASE });
    await h.addEvent({
      type: 'case.assessment_started',
      organisationCodes: ['helsinki', 'hus'],
      caseId: CASE,
    });
    await h.addEvent({ type: 'referral.accepted', organisationCodes: ['helsinki', 'kela'], caseId: CASE });
    await h.addEvent({
      type: 'plan.agreed',
      organisationCodes: ['kela'],
      caseId: null,
      payload: { planId: PLAN },
    });
    await h.addEvent({ type: 'plan.agreed', organisationCodes: ['vantaa'] });
  });
  afterAll(async () => {
    await h.close();
  });

  const feed = (org: string, query = '', role = 'partner') =>
    h.t.app.inject({ url: `/v1/events${query}`, headers: h.auth(org, role) });

  it('shows an organisation only its events, in position order, with gaps visible', async () => {
    const res = await feed('kela');
    expect(res.statusCode).toBe(200);
    const items = res.json().items as FeedItem[];
    expect(items.map((e) => [e.type, e.caseSequence])).toEqual([
      ['referral.submitted', 1],
      ['referral.accepted', 3],
      ['plan.agreed', null],
    ]);
    expect(items.map((e) => e.position)).toEqual([...items.map((e) => e.position)].sort((a, b) => a - b));
    expect(res.json().items[0]).toMatchObject({
      caseId: CASE,
      subjectType: 'referral',
      data: eventCatalog['referral.submitted'].example,
    });
    expect(res.json().items[2].data).toEqual({ ...eventCatalog['plan.agreed'].example, planId: PLAN });
    expect(res.json().hasMore).toBe(false);
    const hus = (await feed('hus', '', 'caseworker')).json().items as FeedItem[];
    expect(hus.map((e) => e.type)).toEqual(['case.assessment_started']);
  });

  it('answers each event with every field of the feed, as recorded', async () => {
    const AREA = '00000000-0000-4000-8000-0000000000a9';
    const SHAPE_CASE = '00000000-0000-4000-8000-0000000000c9';
    const recorded = await h.addEvent({
      type: 'referral.accepted',
      organisationCodes: ['feedshape'],
      caseId: SHAPE_CASE,
      cooperationAreaId: AREA,
      subjectId: 'r-shape',
    });
    const res = await feed('feedshape');
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toEqual([
      {
        id: recorded.eventId,
        position: recorded.position,
        type: 'referral.accepted',
        occurredAt: h.clock.now().toISOString(),
        cooperationAreaId: AREA,
        caseId: SHAPE_CASE,
        caseSequence: 1,
        subjectType: 'referral',
        subjectId: 'r-shape',
        data: eventCatalog['referral.accepted'].example,
      },
    ]);
    expect(typeof res.json().items[0].position).toBe('number');
  });

  it('pages with a cursor that stays put when caught up, and sees new events after it', async () => {
    const first = await feed('helsinki', '?limit=2');
    expect(first.json().items).toHaveLength(2);
    expect(first.json().hasMore).toBe(true);
    const second = await feed('helsinki', `?limit=2&after=${first.json().nextCursor}`);
    expect((second.json().items as FeedItem[]).map((e) => e.caseSequence)).toEqual([3]);
    expect(second.json().hasMore).toBe(false);
    const caughtUp = await feed('helsinki', `?after=${second.json().nextCursor}`);
    expect(caughtUp.json().items).toEqual([]);
    expect(caughtUp.json().nextCursor).toBe(second.json().nextCursor);

    await h.addEvent({ type: 'meeting.scheduled', organisationCodes: ['helsinki'], caseId: CASE });
    const fresh = await feed('helsinki', `?after=${caughtUp.json().nextCursor}`);
    expect((fresh.json().items as FeedItem[]).map((e) => [e.type, e.caseSequence])).toEqual([
      ['meeting.scheduled', 4],
    ]);
  });

  it('filters by types', async () => {
    const res = await feed('kela', '?types=plan.agreed,referral.accepted');
    expect((res.json().items as FeedItem[]).map((e) => e.type)).toEqual(['referral.accepted', 'plan.agreed']);
    const unknown = await feed('kela', '?types=plan.agreed,plan.approved');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().errors).toEqual([
      expect.objectContaining({ location: 'query.types', message: 'plan.approved is not an event type' }),
    ]);
  });

  it('refuses a forged cursor and an anonymous caller', async () => {
    const res = await feed('kela', '?after=abc');
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('EVENT_FEED_CURSOR_INVALID');
    expect((await h.t.app.inject({ url: '/v1/events' })).statusCode).toBe(401);
  });
});
