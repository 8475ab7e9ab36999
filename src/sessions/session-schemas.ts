import { Injectable } from '@nestjs/common';
import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { InvalidRequestError } from '../common/errors/domain-errors';
import { RegistryProblem, RegistryValidationError, ResourceRegistry } from '../resources';
import { childPath, isPlainObject } from '../resources/registry-utils';

// ajv-formats is not a dependency; these are the formats session data most often declares.
const FORMATS: Record<string, (value: string) => boolean> = {
  email: (value) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value),
  uri: (value) => URL.canParse(value) && /^[a-z][a-z0-9+.-]*:/i.test(value),
  uuid: (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value),
  date: (value) => /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value)),
  'date-time': (value) => /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/.test(value) && !Number.isNaN(Date.parse(value)),
};

function createAjv(): Ajv {
  // Strict about the schema itself (an unknown keyword is most likely a typo) but silent otherwise:
  // `addUsedSchema: false` lets two products use the same `$id`.
  const ajv = new Ajv({ strict: true, strictTypes: false, strictTuples: false, allErrors: false, addUsedSchema: false, logger: false });
  for (const [name, validate] of Object.entries(FORMATS)) ajv.addFormat(name, { type: 'string', validate });
  return ajv;
}

/**
 * The JSON Schemas of the registry's session types, compiled once at start-up. A schema Ajv refuses
 * stops the start with its key path; at `POST /sessions`, data that fails its schema is a 400 that
 * names the first failing path of the data (`data.user.email: must match format "email"`).
 */
@Injectable()
export class SessionSchemas {
  /** product → tag → validator; a tag without a schema has none. */
  private readonly validators = new Map<string, Map<string, ValidateFunction>>();

  constructor(registry: ResourceRegistry) {
    const ajv = createAjv();
    const problems: RegistryProblem[] = [];
    for (const product of registry.products()) {
      const byTag = new Map<string, ValidateFunction>();
      for (const [tag, entry] of Object.entries(registry.section(product, 'sessions'))) {
        if (!isPlainObject(entry) || !Object.hasOwn(entry, 'schema')) continue;
        const path = childPath(childPath(childPath(childPath('products', product), 'sessions'), tag), 'schema');
        if (!isPlainObject(entry.schema)) {
          problems.push({ path, message: 'must be a map: a JSON Schema of the session data' });
          continue;
        }
        try {
          byTag.set(tag, ajv.compile(entry.schema));
        } catch (error) {
          problems.push({ path, message: `is not a valid JSON Schema: ${(error as Error).message}` });
        }
      }
      this.validators.set(product, byTag);
    }
    if (problems.length > 0) throw RegistryValidationError.fromProblems(problems);
  }

  /** Throws InvalidRequestError (400) naming the failing path under `data`. */
  validate(product: string, tag: string, data: unknown): void {
    const validate = this.validators.get(product)?.get(tag);
    if (!validate || validate(data)) return;
    const [error] = validate.errors ?? [];
    const { field, message } = describe(error);
    throw new InvalidRequestError(field, `${field}: ${message}`);
  }
}

function describe(error: ErrorObject | undefined): { field: string; message: string } {
  if (!error) return { field: 'data', message: 'does not match the session schema' };
  const segments = error.instancePath
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
  const params = error.params as Record<string, unknown>;
  if (error.keyword === 'required' && typeof params.missingProperty === 'string') {
    return { field: fieldPath([...segments, params.missingProperty]), message: 'is required' };
  }
  if (error.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
    return { field: fieldPath([...segments, params.additionalProperty]), message: 'is not allowed by the session schema' };
  }
  return { field: fieldPath(segments), message: error.message ?? 'does not match the session schema' };
}

/** `data.user.email`, `data.items[0]`. */
function fieldPath(segments: string[]): string {
  return segments.reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : `${path}.${segment}`), 'data');
}
