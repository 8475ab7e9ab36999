import { InvalidRequestError } from '../common/errors/domain-errors';
import { RegistryValidationError, ResourceRegistry } from '../resources';
import { SessionSchemas } from './session-schemas';

const USER_SCHEMA = {
  type: 'object',
  required: ['user'],
  additionalProperties: false,
  properties: {
    user: {
      type: 'object',
      required: ['email', 'id'],
      properties: { email: { type: 'string', format: 'email' }, id: { type: 'integer' }, roles: { type: 'array', items: { enum: ['admin', 'ops'] } } },
    },
  },
};

function schemasFor(sessions: Record<string, unknown>): SessionSchemas {
  return new SessionSchemas(ResourceRegistry.fromObject({ products: { shop: { envs: ['dev'], sessions } } }, {}));
}

function failure(schemas: SessionSchemas, data: unknown): { field: string; message: string } | undefined {
  try {
    schemas.validate('shop', 'user', data);
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return { field: (error as InvalidRequestError).field, message: (error as InvalidRequestError).message };
  }
}

describe('SessionSchemas', () => {
  const schemas = schemasFor({ user: { expiry: '1h', schema: USER_SCHEMA }, open: { expiry: '1h' } });

  it('accepts data that matches, and anything for a tag without a schema', () => {
    expect(failure(schemas, { user: { email: 'ann@shop.test', id: 7, roles: ['ops'] } })).toBeUndefined();
    schemas.validate('shop', 'open', { anything: [1, 2] });
  });

  it.each<[unknown, string, string]>([
    [{}, 'data.user', 'data.user: is required'],
    [{ user: { id: 7 } }, 'data.user.email', 'data.user.email: is required'],
    [{ user: { email: 'not-an-address', id: 7 } }, 'data.user.email', 'data.user.email: must match format "email"'],
    [{ user: { email: 'ann@shop.test', id: '7' } }, 'data.user.id', 'data.user.id: must be integer'],
    [{ user: { email: 'ann@shop.test', id: 7, roles: ['ops', 'root'] } }, 'data.user.roles[1]', 'data.user.roles[1]: must be equal to one of the allowed values'],
    [{ user: { email: 'ann@shop.test', id: 7 }, extra: 1 }, 'data.extra', 'data.extra: is not allowed by the session schema'],
  ])('%j → %s', (data, field, message) => {
    expect(failure(schemas, data)).toEqual({ field, message });
  });

  it('never quotes the data in its messages', () => {
    expect(failure(schemas, { user: { email: 'secret-value', id: 7 } })?.message).not.toContain('secret-value');
  });

  it('stops start-up on a schema Ajv refuses, naming its key path', () => {
    const build = () =>
      schemasFor({
        a: { expiry: '1h', schema: { type: 'objekt' } },
        b: { expiry: '1h', schema: { type: 'object', propertees: {} } },
        c: { expiry: '1h', schema: 'object' },
        d: { expiry: '1h', schema: { type: 'string', format: 'phone' } },
        e: { expiry: '1h', schema: { $id: 'same', type: 'object' } },
        f: { expiry: '1h', schema: { $id: 'same', type: 'object' } },
      });
    expect(build).toThrow(RegistryValidationError);
    let problems: string[] = [];
    try {
      build();
    } catch (error) {
      problems = (error as RegistryValidationError).problems;
    }
    expect(problems).toHaveLength(4);
    expect(problems[0]).toMatch(/^products\.shop\.sessions\.a\.schema: is not a valid JSON Schema: schema is invalid: data\/type must be equal to one of the allowed values/);
    expect(problems[1]).toBe('products.shop.sessions.b.schema: is not a valid JSON Schema: strict mode: unknown keyword: "propertees"');
    expect(problems[2]).toBe('products.shop.sessions.c.schema: must be a map: a JSON Schema of the session data');
    expect(problems[3]).toMatch(/^products\.shop\.sessions\.d\.schema: is not a valid JSON Schema: unknown format "phone"/);
  });
});
