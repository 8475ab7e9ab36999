import type { Check } from '../app-field-checks';

/**
 * A small declarative schema for the registry's sections. Each namespace describes its resources with
 * it (`brokers.section.ts`, …); the validator walks raw YAML against it, reports every problem with its
 * key path, and settles per-env values so that lookups return plain objects for one env.
 */
export type Spec = ScalarSpec | ObjectSpec | MapSpec | ListSpec | ByTypeSpec | RawSpec;

interface Common {
  /** When absent: the field may be left out (its value is then `default`, or undefined). */
  optional?: boolean;
  default?: unknown;
}

/** A value that may also be written as a map keyed by env. */
export interface ScalarSpec extends Common {
  kind: 'scalar';
  check: Check<unknown>;
}

export interface ObjectSpec extends Common {
  kind: 'object';
  fields: Record<string, Spec>;
}

/** A map of names the author chooses (headers, events, …) to values of one spec. */
export interface MapSpec extends Common {
  kind: 'map';
  values: Spec;
  /** Names must match this; the message says what it expects. */
  keys?: { pattern: RegExp; message: string };
  nonEmpty?: boolean;
}

export interface ListSpec extends Common {
  kind: 'list';
  items: Spec;
  nonEmpty?: boolean;
}

/** An object whose fields depend on its `type` (a broker's `rabbitmq` or `nats`, a storage's `local` or `s3`). */
export interface ByTypeSpec extends Common {
  kind: 'byType';
  variants: Record<string, Record<string, Spec>>;
}

/** Kept as written: templates, filters and JSON schemas that their own code validates. */
export interface RawSpec extends Common {
  kind: 'raw';
}

export const scalar = (check: Check<unknown>, options: Common = {}): ScalarSpec => ({ kind: 'scalar', check, ...options });
export const object = (fields: Record<string, Spec>, options: Common = {}): ObjectSpec => ({ kind: 'object', fields, ...options });
export const mapOf = (values: Spec, options: Omit<MapSpec, 'kind' | 'values'> = {}): MapSpec => ({ kind: 'map', values, ...options });
export const listOf = (items: Spec, options: Omit<ListSpec, 'kind' | 'items'> = {}): ListSpec => ({ kind: 'list', items, ...options });
export const byType = (variants: Record<string, Record<string, Spec>>, options: Common = {}): ByTypeSpec => ({ kind: 'byType', variants, ...options });
export const raw = (options: Common = {}): RawSpec => ({ kind: 'raw', ...options });
export const optional = <T extends Spec>(spec: T, defaultValue?: unknown): T => ({ ...spec, optional: true, default: defaultValue });
