import { RegistryValidationError } from './registry-errors';
import { substituteEnvReferences, substituteEnvReferencesOrThrow } from './env-references';

describe('substituteEnvReferences', () => {
  it('replaces references in every string, at any depth, including list items', () => {
    const doc = {
      products: {
        shop: {
          apps: { mailer: { headers: { Authorization: 'Bearer ${MAIL_TOKEN}' } } },
          list: ['${A}', 'x-${B}-y', 3, true, null],
        },
      },
    };
    const { value, problems } = substituteEnvReferences(doc, { MAIL_TOKEN: 't0k', A: 'a', B: 'b' });
    expect(problems).toEqual([]);
    expect(value).toEqual({
      products: {
        shop: {
          apps: { mailer: { headers: { Authorization: 'Bearer t0k' } } },
          list: ['a', 'x-b-y', 3, true, null],
        },
      },
    });
  });

  it('does not change the input document', () => {
    const doc = { a: { b: '${X}' } };
    substituteEnvReferences(doc, { X: 'y' });
    expect(doc).toEqual({ a: { b: '${X}' } });
  });

  it('substitutes several references in one string and accepts an empty value as set', () => {
    const { value, problems } = substituteEnvReferences({ url: '${PROTO}://${HOST}:${PORT}${SUFFIX}' }, {
      PROTO: 'https',
      HOST: 'mail.internal',
      PORT: '443',
      SUFFIX: '',
    });
    expect(problems).toEqual([]);
    expect(value).toEqual({ url: 'https://mail.internal:443' });
  });

  it('reads $${ as a literal ${ and leaves other dollars alone', () => {
    const { value, problems } = substituteEnvReferences(
      { a: 'cost $5, literal $${NOT_A_VAR}', b: '$Input{userId}', c: '{{name}}', d: '$$ and $' },
      {},
    );
    expect(problems).toEqual([]);
    expect(value).toEqual({ a: 'cost $5, literal ${NOT_A_VAR}', b: '$Input{userId}', c: '{{name}}', d: '$$ and $' });
  });

  it('does not substitute keys', () => {
    const { value } = substituteEnvReferences({ '${KEY}': 'v' }, { KEY: 'k' });
    expect(value).toEqual({ '${KEY}': 'v' });
  });

  it('reports every missing variable with the path of the string holding it', () => {
    const doc = {
      products: {
        shop: {
          apps: { mailer: { headers: { Authorization: 'Bearer ${MAIL_TOKEN}' } } },
          envs: ['${ENV_ONE}'],
        },
      },
    };
    const { problems } = substituteEnvReferences(doc, {});
    expect(problems).toEqual([
      { path: 'products.shop.apps.mailer.headers.Authorization', message: 'environment variable MAIL_TOKEN is not set' },
      { path: 'products.shop.envs[0]', message: 'environment variable ENV_ONE is not set' },
    ]);
  });

  it('reports a variable repeated in one string once', () => {
    const { problems } = substituteEnvReferences({ a: '${X}${X}${Y}' }, {});
    expect(problems.map((p) => p.message)).toEqual([
      'environment variable X is not set',
      'environment variable Y is not set',
    ]);
  });

  it('treats inherited object members of the env source as unset', () => {
    const { problems } = substituteEnvReferences({ a: '${toString}', b: '${constructor}' }, {});
    expect(problems).toHaveLength(2);
  });

  it('treats an explicitly undefined variable as unset', () => {
    const { problems } = substituteEnvReferences({ a: '${X}' }, { X: undefined });
    expect(problems).toEqual([{ path: 'a', message: 'environment variable X is not set' }]);
  });

  it.each(['${}', '${MAIL TOKEN}', '${MAIL-TOKEN}', '${UNCLOSED', '${1ABC}'])('rejects the malformed reference %p', (text) => {
    const { problems } = substituteEnvReferences({ a: text }, { MAIL: 'x', UNCLOSED: 'x' });
    expect(problems).toEqual([{ path: 'a', message: expect.stringContaining('malformed ${...} reference') }]);
  });

  it('keeps a __proto__ key as data', () => {
    const doc = JSON.parse('{"__proto__": {"polluted": "${X}"}}') as unknown;
    const { value } = substituteEnvReferences(doc, { X: 'yes' });
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(value, '__proto__')?.value).toEqual({ polluted: 'yes' });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('prefixes paths with a given root', () => {
    const { problems } = substituteEnvReferences({ a: '${X}' }, {}, 'input');
    expect(problems[0].path).toBe('input.a');
  });

  describe('substituteEnvReferencesOrThrow', () => {
    it('returns the substituted value', () => {
      expect(substituteEnvReferencesOrThrow('${A}', { A: 'b' })).toBe('b');
    });

    it('throws a RegistryValidationError naming the path and the variable, never a value', () => {
      const secret = 's3cr3t-value';
      const run = (): unknown =>
        substituteEnvReferencesOrThrow(
          { products: { shop: { apps: { mailer: { headers: { Authorization: 'Bearer ${MAIL_TOKEN}', X: '${PRESENT}' } } } } } },
          { PRESENT: secret },
        );
      expect(run).toThrow(RegistryValidationError);
      expect(run).toThrow(
        'Invalid resource registry:\n  products.shop.apps.mailer.headers.Authorization: environment variable MAIL_TOKEN is not set',
      );
      try {
        run();
      } catch (error) {
        expect(String((error as Error).message)).not.toContain(secret);
        expect((error as RegistryValidationError).problems.join('\n')).not.toContain(secret);
      }
    });
  });
});
