export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS';

export interface AppActionConfig {
  method: HttpMethod;
  /** Starts with '/'; `:name` segments are filled from the dispatch input's `params`. */
  path: string;
}

/** An app of the actions namespace with every per-env value already settled for one env. */
export interface ResolvedApp {
  name: string;
  /** Never ends with '/', so `baseUrl + action.path` is the request URL. */
  baseUrl: string;
  headers: Record<string, string>;
  timeoutMs: number;
  actions: Record<string, AppActionConfig>;
}

export interface ResolvedAction {
  product: string;
  env: string;
  app: ResolvedApp;
  event: string;
  action: AppActionConfig;
}

/** The environment that `${VAR}` references are read from. */
export type EnvSource = Record<string, string | undefined>;
