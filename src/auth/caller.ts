/** The scopes of API keys; an admin key may also use every dispatch endpoint. */
export type ApiScope = 'dispatch' | 'admin';

/** Who sent a request: the id of its API key (never the key), or null when the service is open. */
export interface Caller {
  keyId: string | null;
  scope: ApiScope;
}
