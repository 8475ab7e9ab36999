import { distinctRecipients, isDispatchableRecipient, MAX_RECIPIENTS, recipientListProblem } from './recipients';

describe('recipient lists', () => {
  it.each<[Parameters<typeof recipientListProblem>[0], unknown, string | undefined]>([
    ['email', ['a@shop.test', 'B@Shop.Test'], undefined],
    ['email', ['$Session{user}{email}', '$Input{email}'], undefined],
    ['email', 'a@shop.test', 'must be a list of email addresses'],
    ['email', [], 'must not be empty'],
    ['email', ['a@shop.test', 'not-an-address'], '[1] must be an email address'],
    ['email', ['a@shop.test', 42], '[1] must be an email address'],
    ['email', [''], '[0] must be an email address'],
    ['email', Array.from({ length: MAX_RECIPIENTS + 1 }, (_, i) => `u${i}@shop.test`), `must hold at most ${MAX_RECIPIENTS} recipients`],
    ['phone', ['+15550001234'], undefined],
    ['phone', ['5550001234'], '[0] must be a phone number in E.164 form (+15550001234)'],
    ['phone', ['+1 555 000'], '[0] must be a phone number in E.164 form (+15550001234)'],
    ['device_token', ['ExponentPushToken[abc]', 'fcm:token-1'], undefined],
    ['device_token', ['has space'], '[0] must be a device token (1 to 4096 characters, no spaces)'],
    ['device_token', ['x'.repeat(4097)], '[0] must be a device token (1 to 4096 characters, no spaces)'],
  ])('%s %j → %s', (kind, value, problem) => expect(recipientListProblem(kind, value)).toBe(problem));

  it('takes an expression for any kind of recipient, since it is resolved at run time', () => {
    expect(isDispatchableRecipient('phone', '$Session{user}{phone}')).toBe(true);
    expect(isDispatchableRecipient('email', 'user at $ shop')).toBe(false);
  });

  it('sends to each recipient once, comparing addresses without case', () => {
    expect(distinctRecipients('email', ['a@shop.test', ' A@SHOP.test', 'b@shop.test'])).toEqual(['a@shop.test', 'b@shop.test']);
    expect(distinctRecipients('device_token', ['Tok', 'tok', 'Tok'])).toEqual(['Tok', 'tok']);
  });
});
