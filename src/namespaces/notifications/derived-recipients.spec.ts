import { hideDerivedRecipients } from './derived-recipients';
import type { NotificationResult } from './delivery';

const input = { email: { recipients: ['$Session{user}{email}', 'ops@shop.test'] }, sms: { recipients: ['$Session{user}{phone}'] }, callback: { url: 'https://x' } };
const result: NotificationResult = {
  email: [
    { to: 'john@example.com', status: 'sent', id: 'm1' },
    { to: 'ops@shop.test', status: 'sent', id: 'm2' },
  ],
  sms: [{ to: '+15550001111', status: 'failed', error: 'unreachable', retryable: false }],
  callback: [{ to: 'POST https://hooks.shop.test', status: 'sent', http_status: 200 }],
};

describe('hideDerivedRecipients', () => {
  it('hides the recipients a job with session data resolved from expressions, and keeps the written ones', () => {
    expect(hideDerivedRecipients({ sessionData: 'sealed', input }, result)).toEqual({
      email: [
        { to: '[derived recipient 1]', status: 'sent', id: 'm1' },
        { to: 'ops@shop.test', status: 'sent', id: 'm2' },
      ],
      sms: [{ to: '[derived recipient 1]', status: 'failed', error: 'unreachable', retryable: false }],
      callback: [{ to: 'POST https://hooks.shop.test', status: 'sent', http_status: 200 }],
    });
  });

  it('keeps every address of a job without session data', () => {
    expect(hideDerivedRecipients({ sessionData: null, input }, result)).toBe(result);
  });
});
