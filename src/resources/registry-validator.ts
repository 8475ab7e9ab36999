import {
  Check,
  checkBaseUrl,
  checkHeaderValue,
  checkMethod,
  checkPath,
  checkTimeout,
  DEFAULT_APP_TIMEOUT_MS,
  Invalid,
} from './app-field-checks';
import { RegistryProblem } from './registry-errors';
import { AppActionConfig, HttpMethod, ResolvedApp } from './registry.types';
import { childPath, isPlainObject } from './registry-utils';
import { SECTION_SPECS } from './sections';
import type { Spec } from './sections/section-spec';

/** Product sections accepted as maps of named entries and kept as written, for later validation. */
export const RAW_SECTIONS = [
  'notifications',
  'storage',
  'brokers',
  'databases',
  'graphs',
  'sessions',
  'caches',
  'features',
] as const;
export type RawSectionName = (typeof RAW_SECTIONS)[number];

const PRODUCT_KEYS: ReadonlySet<string> = new Set(['envs', 'apps', ...RAW_SECTIONS]);
const APP_KEYS: ReadonlySet<string> = new Set(['base_url', 'headers', 'timeout', 'actions']);
const ACTION_KEYS: ReadonlySet<string> = new Set(['method', 'path']);
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

export interface ValidatedProduct {
  name: string;
  envs: string[];
  /** app name → env → the app as seen from that env. */
  apps: Map<string, Map<string, ResolvedApp>>;
  sections: Partial<Record<RawSectionName, Record<string, unknown>>>;
  /** Entries of the sections that declare a schema: section → entry name → env → the entry for that env. */
  entries: Partial<Record<RawSectionName, Map<string, PerEnv<unknown>>>>;
}

export interface RegistryValidation {
  problems: RegistryProblem[];
  /** Complete only when `problems` is empty. */
  products: ValidatedProduct[];
}

/**
 * Checks a parsed, env-substituted registry document and collects every problem. Messages never
 * quote a value from the document (values may hold substituted secrets), only key paths and names.
 */
export function validateRegistry(doc: unknown, specs: Partial<Record<RawSectionName, Spec>> = SECTION_SPECS): RegistryValidation {
  const checker = new RegistryChecker(specs);
  const products = checker.document(doc);
  return { problems: checker.problems, products };
}

/** A scalar field settled per env: a constant, or one value per env from a per-env map. */
export type PerEnv<T> = (env: string) => T;

interface ProductContext {
  name: string;
  /** Undefined when the product's own `envs` is invalid, which makes per-env maps uncheckable. */
  envs: readonly string[] | undefined;
}

interface ValidatedAction {
  name: string;
  method: PerEnv<HttpMethod>;
  path: PerEnv<string>;
}

class RegistryChecker {
  readonly problems: RegistryProblem[] = [];

  constructor(private readonly specs: Partial<Record<RawSectionName, Spec>>) {}

  private fail(path: string, message: string): undefined {
    this.problems.push({ path, message });
    return undefined;
  }

  private unknownKeys(raw: Record<string, unknown>, path: string, known: ReadonlySet<string>): void {
    for (const key of Object.keys(raw)) if (!known.has(key)) this.fail(childPath(path, key), 'is not a known key');
  }

  document(doc: unknown): ValidatedProduct[] {
    if (!isPlainObject(doc)) {
      this.fail('', "the registry must be a map with a top-level 'products' key");
      return [];
    }
    this.unknownKeys(doc, '', new Set(['products']));
    if (!Object.hasOwn(doc, 'products')) return this.fail('products', 'is required') ?? [];
    if (!isPlainObject(doc.products)) return this.fail('products', 'must be a map of named products') ?? [];
    const products: ValidatedProduct[] = [];
    for (const [name, raw] of Object.entries(doc.products)) {
      const product = this.product(name, raw, childPath('products', name));
      if (product) products.push(product);
    }
    return products;
  }

  private product(name: string, raw: unknown, path: string): ValidatedProduct | undefined {
    if (!isPlainObject(raw)) return this.fail(path, 'must be a map');
    this.unknownKeys(raw, path, PRODUCT_KEYS);
    const ctx: ProductContext = { name, envs: this.envs(raw.envs, childPath(path, 'envs')) };

    const apps = new Map<string, Map<string, ResolvedApp>>();
    if (Object.hasOwn(raw, 'apps')) {
      const appsPath = childPath(path, 'apps');
      if (!isPlainObject(raw.apps)) this.fail(appsPath, 'must be a map of named apps');
      else {
        for (const [appName, app] of Object.entries(raw.apps)) {
          const byEnv = this.app(appName, app, childPath(appsPath, appName), ctx);
          if (byEnv) apps.set(appName, byEnv);
        }
      }
    }

    const sections: ValidatedProduct['sections'] = {};
    const entries: ValidatedProduct['entries'] = {};
    for (const section of RAW_SECTIONS) {
      if (!Object.hasOwn(raw, section)) continue;
      const sectionPath = childPath(path, section);
      const kept = this.rawSection(raw[section], sectionPath);
      if (!kept) continue;
      sections[section] = kept;
      const spec = this.specs[section];
      if (spec) {
        const byName = new Map<string, PerEnv<unknown>>();
        for (const [entryName, entry] of Object.entries(kept)) {
          const resolved = this.spec(entry, childPath(sectionPath, entryName), ctx, spec);
          if (resolved) byName.set(entryName, resolved);
        }
        entries[section] = byName;
      }
    }
    return ctx.envs ? { name, envs: [...ctx.envs], apps, sections, entries } : undefined;
  }

  private envs(raw: unknown, path: string): string[] | undefined {
    const isNames = Array.isArray(raw) && raw.length > 0 && raw.every((env) => typeof env === 'string' && env !== '');
    if (!isNames) return this.fail(path, 'must be a non-empty list of strings');
    const envs = raw as string[];
    const repeated = envs.filter((env, index) => envs.indexOf(env) !== index);
    if (repeated.length > 0) return this.fail(path, `lists '${repeated[0]}' more than once`);
    return envs;
  }

  private rawSection(raw: unknown, path: string): Record<string, unknown> | undefined {
    if (!isPlainObject(raw)) return this.fail(path, 'must be a map of named entries');
    let ok = true;
    for (const [name, entry] of Object.entries(raw)) {
      if (!isPlainObject(entry)) ok = this.fail(childPath(path, name), 'must be a map') ?? false;
    }
    return ok ? raw : undefined;
  }

  private app(name: string, raw: unknown, path: string, ctx: ProductContext): Map<string, ResolvedApp> | undefined {
    if (!isPlainObject(raw)) return this.fail(path, 'must be a map');
    this.unknownKeys(raw, path, APP_KEYS);
    const baseUrl = this.required(raw, 'base_url', path, (value, at) => this.scalar(value, at, ctx, checkBaseUrl));
    const headers = Object.hasOwn(raw, 'headers') ? this.headers(raw.headers, childPath(path, 'headers'), ctx) : [];
    const timeoutMs = Object.hasOwn(raw, 'timeout')
      ? this.scalar(raw.timeout, childPath(path, 'timeout'), ctx, checkTimeout)
      : () => DEFAULT_APP_TIMEOUT_MS;
    const actions = this.required(raw, 'actions', path, (value, at) => this.actions(value, at, ctx));
    if (!ctx.envs || !baseUrl || !headers || !timeoutMs || !actions) return undefined;

    const byEnv = new Map<string, ResolvedApp>();
    for (const env of ctx.envs) {
      byEnv.set(env, {
        name,
        baseUrl: baseUrl(env),
        headers: Object.fromEntries(headers.map(([header, value]) => [header, value(env)])),
        timeoutMs: timeoutMs(env),
        actions: Object.fromEntries(
          actions.map((action): [string, AppActionConfig] => [
            action.name,
            { method: action.method(env), path: action.path(env) },
          ]),
        ),
      });
    }
    return byEnv;
  }

  private required<T>(
    raw: Record<string, unknown>,
    key: string,
    path: string,
    check: (value: unknown, path: string) => T | undefined,
  ): T | undefined {
    const at = childPath(path, key);
    return Object.hasOwn(raw, key) ? check(raw[key], at) : this.fail(at, 'is required');
  }

  private headers(raw: unknown, path: string, ctx: ProductContext): Array<[string, PerEnv<string>]> | undefined {
    if (!isPlainObject(raw)) return this.fail(path, 'must be a map of header names to strings');
    const seen = new Map<string, string>();
    const headers: Array<[string, PerEnv<string>]> = [];
    let ok = true;
    for (const [name, value] of Object.entries(raw)) {
      const at = childPath(path, name);
      const first = seen.get(name.toLowerCase());
      if (!HEADER_NAME.test(name)) ok = this.fail(at, 'is not a valid HTTP header name') ?? false;
      else if (first !== undefined) ok = this.fail(at, `repeats header '${first}' (names ignore case)`) ?? false;
      seen.set(name.toLowerCase(), name);
      const resolved = this.scalar(value, at, ctx, checkHeaderValue);
      if (resolved) headers.push([name, resolved]);
      else ok = false;
    }
    return ok ? headers : undefined;
  }

  private actions(raw: unknown, path: string, ctx: ProductContext): ValidatedAction[] | undefined {
    if (!isPlainObject(raw) || Object.keys(raw).length === 0) {
      return this.fail(path, 'must be a non-empty map of named actions');
    }
    const actions: ValidatedAction[] = [];
    let ok = true;
    for (const [name, action] of Object.entries(raw)) {
      const at = childPath(path, name);
      if (!isPlainObject(action)) {
        ok = this.fail(at, 'must be a map with method and path') ?? false;
        continue;
      }
      this.unknownKeys(action, at, ACTION_KEYS);
      const method = this.required(action, 'method', at, (value, p) => this.scalar(value, p, ctx, checkMethod));
      const actionPath = this.required(action, 'path', at, (value, p) => this.scalar(value, p, ctx, checkPath));
      if (method && actionPath) actions.push({ name, method, path: actionPath });
      else ok = false;
    }
    return ok ? actions : undefined;
  }

  /** Walks a value against a section schema; undefined (with problems recorded) when it does not fit. */
  private spec(raw: unknown, path: string, ctx: ProductContext, spec: Spec): PerEnv<unknown> | undefined {
    switch (spec.kind) {
      case 'scalar':
        return this.scalar(raw, path, ctx, spec.check);
      case 'raw':
        return () => raw;
      case 'object':
        if (!isPlainObject(raw)) return this.fail(path, 'must be a map');
        return this.fields(raw, path, ctx, spec.fields);
      case 'byType': {
        if (!isPlainObject(raw)) return this.fail(path, 'must be a map');
        const types = Object.keys(spec.variants);
        const type = raw.type;
        if (typeof type !== 'string' || !Object.hasOwn(spec.variants, type)) {
          return this.fail(childPath(path, 'type'), `must be one of ${types.join(', ')}`);
        }
        const typeSpec: Spec = { kind: 'scalar', check: (value) => value };
        return this.fields(raw, path, ctx, { type: typeSpec, ...spec.variants[type] });
      }
      case 'map': {
        if (!isPlainObject(raw)) return this.fail(path, 'must be a map');
        if (spec.nonEmpty && Object.keys(raw).length === 0) return this.fail(path, 'must not be empty');
        const values: Array<[string, PerEnv<unknown>]> = [];
        let ok = true;
        for (const [key, value] of Object.entries(raw)) {
          const at = childPath(path, key);
          if (spec.keys && !spec.keys.pattern.test(key)) {
            ok = this.fail(at, spec.keys.message) ?? false;
            continue;
          }
          const resolved = this.spec(value, at, ctx, spec.values);
          if (resolved) values.push([key, resolved]);
          else ok = false;
        }
        return ok ? (env) => Object.fromEntries(values.map(([key, value]) => [key, value(env)])) : undefined;
      }
      case 'list': {
        if (!Array.isArray(raw)) return this.fail(path, 'must be a list');
        if (spec.nonEmpty && raw.length === 0) return this.fail(path, 'must not be empty');
        const items = raw.map((item, index) => this.spec(item, childPath(path, index), ctx, spec.items));
        if (items.some((item) => item === undefined)) return undefined;
        return (env) => items.map((item) => (item as PerEnv<unknown>)(env));
      }
    }
  }

  private fields(raw: Record<string, unknown>, path: string, ctx: ProductContext, fields: Record<string, Spec>): PerEnv<unknown> | undefined {
    this.unknownKeys(raw, path, new Set(Object.keys(fields)));
    const resolved: Array<[string, PerEnv<unknown>]> = [];
    let ok = true;
    for (const [key, spec] of Object.entries(fields)) {
      if (!Object.hasOwn(raw, key)) {
        if (!spec.optional) ok = this.fail(childPath(path, key), 'is required') ?? false;
        else if (spec.default !== undefined) resolved.push([key, () => spec.default]);
        continue;
      }
      const value = this.spec(raw[key], childPath(path, key), ctx, spec);
      if (value) resolved.push([key, value]);
      else ok = false;
    }
    return ok ? (env) => Object.fromEntries(resolved.map(([key, value]) => [key, value(env)])) : undefined;
  }

  /**
   * A field declared scalar: either the value itself or a map from each of the product's envs to
   * a value. Only scalar fields get this reading, so maps such as `headers` keep their meaning.
   */
  private scalar<T>(raw: unknown, path: string, ctx: ProductContext, check: Check<T>): PerEnv<T> | undefined {
    if (!isPlainObject(raw)) {
      const value = check(raw);
      if (value instanceof Invalid) return this.fail(path, value.message);
      return () => value;
    }
    const byEnv = new Map<string, T>();
    let ok = true;
    for (const [env, rawValue] of Object.entries(raw)) {
      const at = childPath(path, env);
      if (ctx.envs && !ctx.envs.includes(env)) {
        ok = this.fail(at, `is not an env of product '${ctx.name}' (envs: ${ctx.envs.join(', ')})`) ?? false;
        continue;
      }
      const value = check(rawValue);
      if (value instanceof Invalid) ok = this.fail(at, value.message) ?? false;
      else byEnv.set(env, value);
    }
    for (const env of ctx.envs ?? []) {
      if (!Object.hasOwn(raw, env)) ok = this.fail(path, `no value for env '${env}'`) ?? false;
    }
    return ok ? (env) => byEnv.get(env) as T : undefined;
  }
}
