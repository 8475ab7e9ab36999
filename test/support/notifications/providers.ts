import type { ReceivedRequest, TargetServer } from '../target-server';

export const EXPO_PATH = '/--/api/v2/push/send';
export const FCM_PATH = '/v1/projects/demo/messages:send';
export const TWILIO_PATH = '/2010-04-01/Accounts/AC123/Messages.json';

/** The `To` of a Twilio-style request: its body is a form. */
export const smsTo = (req: ReceivedRequest): string | null => new URLSearchParams(req.body as string).get('To');
export const fcmToken = (req: ReceivedRequest): string => (req.body as { message: { token: string } }).message.token;

/**
 * Makes `target` answer as the providers do. Recipients pick the answer: a phone number ending in 400
 * is refused, one ending in 503 fails once and then goes through; the FCM token `fcm-flaky` fails once,
 * `fcm-unregistered` is refused; an Expo token with `Unregistered` in it gets an error ticket.
 */
export function standInForProviders(target: TargetServer): void {
  const calls = new Map<string, number>();
  const nth = (key: string): number => {
    const n = (calls.get(key) ?? 0) + 1;
    calls.set(key, n);
    return n;
  };
  target.respond('POST', EXPO_PATH, (req) => ({
    status: 200,
    body: {
      data: (req.body as Array<{ to: string }>).map((message) =>
        message.to.includes('Unregistered')
          ? { status: 'error', message: `"${message.to}" is not a registered push notification recipient`, details: { error: 'DeviceNotRegistered' } }
          : { status: 'ok', id: `ticket-${message.to}` },
      ),
    },
  }));
  target.respond('POST', FCM_PATH, (req) => {
    const token = fcmToken(req);
    if (token === 'fcm-flaky' && nth(token) === 1) return { status: 503, body: { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE' } } };
    if (token === 'fcm-unregistered') return { status: 404, body: { error: { code: 404, message: 'Requested entity was not found.', status: 'NOT_FOUND' } } };
    return { status: 200, body: { name: `projects/demo/messages/${token}` } };
  });
  target.respond('POST', TWILIO_PATH, (req) => {
    const to = smsTo(req) ?? '';
    if (to.endsWith('400')) return { status: 400, body: { code: 21211, message: "The 'To' number is not valid.", status: 400 } };
    if (to.endsWith('503') && nth(to) === 1) return { status: 503, body: { message: 'Service unavailable' } };
    return { status: 201, body: { sid: `SM${to.slice(1)}`, status: 'queued' } };
  });
  target.respond('POST', '/hooks/flaky/notify', (_, n) => (n === 1 ? { status: 500, body: { error: 'down' } } : { status: 200, body: { ok: true } }));
}
