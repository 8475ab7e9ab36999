import { SessionCipher } from '../sessions';
import type { JobEntity } from './entities/job.entity';
import { NonRetryableError } from './retry-policy';
import { RunInputs } from './run-input';

const cipher = new SessionCipher({ sessionSecret: 'a-session-secret-of-at-least-32-characters' });
let ids = 0;
const job = (input: Record<string, unknown>, sessionData: string | null = null) => ({ id: `job-${++ids}`, input, sessionData }) as JobEntity;

describe('RunInputs', () => {
  const inputs = new RunInputs(cipher);

  it('passes an input without expressions on as the same object', () => {
    const input = { body: { price: 'costs $5', list: [1, 2] } };
    expect(inputs.resolve(job(input))).toBe(input);
  });

  it('resolves input, session and time references, afresh at each run', async () => {
    const j = job({ body: { to: '$Session{user}{email}', id: '$Input{query}{id}', at: '$Now()' }, query: { id: 7 } }, cipher.encrypt({ user: { email: 'ann@shop.test' } }));
    const first = inputs.resolve(j) as { body: { at: string } };
    expect(first).toEqual({ body: { to: 'ann@shop.test', id: 7, at: expect.any(String) }, query: { id: 7 } });
    await new Promise((r) => setTimeout(r, 5));
    const second = inputs.resolve(j) as { body: { at: string } };
    expect(Date.parse(second.body.at)).toBeGreaterThan(Date.parse(first.body.at));
    // The stored input is left as dispatched.
    expect(j.input.body).toEqual({ to: '$Session{user}{email}', id: '$Input{query}{id}', at: '$Now()' });
  });

  it('fails, not to be retried, naming the path of a missing value', () => {
    const run = () => inputs.resolve(job({ body: { phone: '$Session{user}{phone}' } }, cipher.encrypt({ user: {} })));
    expect(run).toThrow(NonRetryableError);
    expect(run).toThrow('input.body.phone, column 1: $Session{user}{phone}: no value at session.user.phone');
  });

  it('fails, not to be retried, when the session data does not decrypt', () => {
    const other = new SessionCipher({ sessionSecret: 'another-session-secret-of-32-characters!!' });
    const run = () => inputs.resolve(job({ to: '$Session{user}' }, other.encrypt({ user: 1 })));
    expect(run).toThrow(NonRetryableError);
    expect(run).toThrow(/session data cannot be decrypted/);
  });

  it('fails, not to be retried, on a malformed expression that reached the row', () => {
    expect(() => inputs.resolve(job({ since: '$Foo()' }))).toThrow(new NonRetryableError('input.since, column 1: unknown function $Foo'));
  });
});
