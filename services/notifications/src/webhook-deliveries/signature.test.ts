import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { webhookHeaders } from './signature.js';

const newSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

describe('Standard Webhooks signature', () => {
  it('is accepted by the independent standardwebhooks implementation, for each secret of a rotation', () => {
    const oldSecret = newSecret();
    const current = newSecret();
    const body = JSON.stringify({
      type: 'referral.accepted',
      timestamp: '2026-03-19T10:00:00.000Z',
      data: {},
    });
    const headers = webhookHeaders([current, oldSecret], 'msg_1', new Date(), body);
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toMatchObject({ type: 'referral.accepted' });
    expect(new Webhook(oldSecret).verify(body, headers)).toMatchObject({ type: 'referral.accepted' });
    expect(() => new Webhook(newSecret()).verify(body, headers)).toThrow(/No matching signature/);
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });

  it('refuses secrets that are too short', () => {
    expect(() => webhookHeaders(['whsec_c2hvcnQ='], 'x', new Date(), '{}')).toThrow(/24 bytes/);
  });
});
