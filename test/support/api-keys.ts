/** API keys of the auth tests: two dispatch keys (two clients) and one admin key. */
export const KEY_A = 'dispatch-key-a-0123456789abcdef';
export const KEY_B = 'dispatch-key-b-0123456789abcdef';
export const ADMIN_KEY = 'admin-key-0123456789abcdef-0123';

export const bearer = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}` });
export const xApiKey = (key: string): Record<string, string> => ({ 'x-api-key': key });
