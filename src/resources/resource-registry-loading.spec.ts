import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryValidationError } from './registry-errors';
import { ResourceRegistry } from './resource-registry';
import { thrown } from './fixtures/spec-helpers';

describe('ResourceRegistry loading', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'resources-spec-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function writeFile(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  describe('fromObject', () => {
    it('reports validation problems with their paths', () => {
      const error = thrown(() => ResourceRegistry.fromObject({ products: { shop: { envs: [], foo: 1 } } }, {}));
      expect(error).toBeInstanceOf(RegistryValidationError);
      expect(error.message).toBe(
        'Invalid resource registry:\n  products.shop.foo: is not a known key\n  products.shop.envs: must be a non-empty list of strings',
      );
    });

    it('reports a missing variable once, not again as the invalid value it leaves behind', () => {
      const error = thrown(() =>
        ResourceRegistry.fromObject(
          {
            products: {
              shop: {
                envs: ['dev', 'prd'],
                apps: {
                  mailer: {
                    base_url: { dev: '${MAIL_URL}', prd: 'https://mail.internal' },
                    timeout: '${MAIL_TIMEOUT}',
                    actions: { send: { method: 'FETCH', path: '/send' } },
                  },
                },
              },
            },
          },
          {},
        ),
      ) as RegistryValidationError;
      expect(error.problems).toEqual([
        'products.shop.apps.mailer.base_url.dev: environment variable MAIL_URL is not set',
        'products.shop.apps.mailer.timeout: environment variable MAIL_TIMEOUT is not set',
        'products.shop.apps.mailer.actions.send.method: must be one of GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS',
      ]);
    });

    it('validates values taken from the environment without repeating them', () => {
      const error = thrown(() =>
        ResourceRegistry.fromObject(
          { products: { shop: { envs: ['dev'], apps: { m: { base_url: '${URL}', actions: { a: { method: 'GET', path: '/' } } } } } } },
          { URL: 'ftp://user:hunter2@host' },
        ),
      ) as RegistryValidationError;
      expect(error.problems).toEqual(['products.shop.apps.m.base_url: must be an http(s) URL']);
      expect(error.message).not.toContain('hunter2');
    });

    it('reads process.env by default', () => {
      process.env.RESOURCES_SPEC_URL = 'http://from-process-env';
      try {
        const registry = ResourceRegistry.fromObject({
          products: { p: { envs: ['e'], apps: { a: { base_url: '${RESOURCES_SPEC_URL}', actions: { x: { method: 'GET', path: '/' } } } } } },
        });
        expect(registry.resolveApp('p', 'e', 'a').baseUrl).toBe('http://from-process-env');
      } finally {
        delete process.env.RESOURCES_SPEC_URL;
      }
    });
  });

  describe('fromYaml', () => {
    it('supports anchors and merge keys', () => {
      const registry = ResourceRegistry.fromYaml(
        [
          'products:',
          '  shop:',
          '    envs: [dev]',
          '    apps:',
          '      a: &app',
          '        base_url: http://a',
          '        timeout: 5s',
          '        actions: { ping: { method: GET, path: /ping } }',
          '      b:',
          '        <<: *app',
          '        base_url: http://b',
        ].join('\n'),
        {},
      );
      expect(registry.resolveApp('shop', 'dev', 'b')).toMatchObject({ baseUrl: 'http://b', timeoutMs: 5000 });
      expect(registry.resolveAction('shop', 'dev', 'b', 'ping').action).toEqual({ method: 'GET', path: '/ping' });
    });

    it.each([
      ['an unclosed flow list', 'products:\n  shop:\n    envs: [dev\n', 'line 4, column 1: '],
      ['a repeated key', 'products:\n  shop: {}\n  shop: {}\n', 'line 3, column 3: Map keys must be unique'],
      ['several documents', 'products: {}\n---\nproducts: {}\n', 'line 2, column 1: the registry must be a single YAML document'],
      ['an alias without anchor', 'products:\n  shop: *missing\n', 'line 2, column 9: alias *missing has no anchor defined before it'],
      ['an unclosed quote', 'products: "open\n', 'line 2, column 1: Missing closing "quote'],
    ])('reports %s with its line', (_label, text, expected) => {
      const error = thrown(() => ResourceRegistry.fromYaml(text, {})) as RegistryValidationError;
      expect(error).toBeInstanceOf(RegistryValidationError);
      expect(error.problems.length).toBeGreaterThan(0);
      expect(error.problems[0]).toContain(expected);
    });

    it('treats an empty text as a document without products', () => {
      expect(() => ResourceRegistry.fromYaml('', {})).toThrow(
        "Invalid resource registry:\n  the registry must be a map with a top-level 'products' key",
      );
    });
  });

  describe('fromFile', () => {
    it('loads a file', () => {
      const file = writeFile('ok.yaml', 'products:\n  shop:\n    envs: [dev]\n');
      expect(ResourceRegistry.fromFile(file, {}).products()).toEqual(['shop']);
    });

    it('reports a missing file with its path', () => {
      const file = join(dir, 'missing.yaml');
      const error = thrown(() => ResourceRegistry.fromFile(file, {})) as RegistryValidationError;
      expect(error).toBeInstanceOf(RegistryValidationError);
      expect(error.problems).toEqual([`${file}: file not found (looked for ${file})`]);
    });

    it('reports a directory given as the file', () => {
      const sub = join(dir, 'a-directory');
      mkdirSync(sub);
      expect(() => ResourceRegistry.fromFile(sub, {})).toThrow(`${sub}: is a directory, not a file`);
    });

    it('reports a syntax error with the file path and line', () => {
      const file = writeFile('broken.yaml', 'products:\n  shop:\n    envs: [dev\n    apps: {}\n');
      const error = thrown(() => ResourceRegistry.fromFile(file, {})) as RegistryValidationError;
      expect(error).toBeInstanceOf(RegistryValidationError);
      expect(error.problems[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: line \\d+, column \\d+: `));
    });

    it('reports validation problems found in the file', () => {
      const file = writeFile('invalid.yaml', 'products:\n  shop:\n    envs: dev\n');
      expect(() => ResourceRegistry.fromFile(file, {})).toThrow(
        'Invalid resource registry:\n  products.shop.envs: must be a non-empty list of strings',
      );
    });
  });
});
