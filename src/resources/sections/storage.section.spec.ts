import { formatProblem } from '../registry-errors';
import { ResourceRegistry } from '../resource-registry';
import { validateRegistry } from '../registry-validator';
import { StorageConfig, storageCredentialProblems } from './storage.section';

const PATH = 'products.shop.storage';

function validate(storage: Record<string, unknown>) {
  const result = validateRegistry({ products: { shop: { envs: ['dev', 'prd'], storage } } });
  return { problems: result.problems.map(formatProblem), product: result.products[0] };
}

describe('the storage section', () => {
  it('reads the example of DESIGN §4, with defaults and ${VAR} secrets', () => {
    const registry = ResourceRegistry.fromObject(
      {
        products: {
          shop: {
            envs: ['dev', 'prd'],
            storage: {
              files: { type: 'local', root: './data/files' },
              bucket: {
                type: 's3',
                bucket: 'uploads',
                region: 'us-east-1',
                endpoint: 'http://127.0.0.1:4568',
                access_key_id: '${S3_KEY}',
                secret_access_key: '${S3_SECRET}',
                force_path_style: true,
              },
              aws: { type: 's3', bucket: 'shop.assets' },
            },
          },
        },
      },
      { S3_KEY: 'key', S3_SECRET: 'secret' },
    );
    expect(registry.entry<StorageConfig>('shop', 'dev', 'storage', 'files')).toEqual({ type: 'local', root: './data/files' });
    expect(registry.entry<StorageConfig>('shop', 'prd', 'storage', 'bucket')).toEqual({
      type: 's3',
      bucket: 'uploads',
      region: 'us-east-1',
      endpoint: 'http://127.0.0.1:4568',
      access_key_id: 'key',
      secret_access_key: 'secret',
      force_path_style: true,
      timeout: 60_000,
    });
    expect(registry.entry<StorageConfig>('shop', 'prd', 'storage', 'aws')).toEqual({
      type: 's3',
      bucket: 'shop.assets',
      region: 'us-east-1',
      force_path_style: false,
      timeout: 60_000,
    });
  });

  it('settles per-env values', () => {
    const { problems, product } = validate({
      files: { type: 'local', root: { dev: '/tmp/dev', prd: '/srv/files' } },
      bucket: { type: 's3', bucket: { dev: 'dev-uploads', prd: 'uploads' }, timeout: '2m' },
    });
    expect(problems).toEqual([]);
    expect(product.entries.storage!.get('files')!('prd')).toEqual({ type: 'local', root: '/srv/files' });
    expect(product.entries.storage!.get('bucket')!('dev')).toMatchObject({ bucket: 'dev-uploads', timeout: 120_000 });
  });

  it('names each bad key by its path, without quoting values', () => {
    const { problems } = validate({
      a: { type: 'ftp' },
      b: { type: 'local' },
      c: { type: 'local', root: '', bucket: 'x' },
      d: { type: 's3', bucket: 'Has_Upper', endpoint: 'ftp://x', force_path_style: 'yes', timeout: '1h' },
      e: { type: 's3', bucket: 'ok-bucket', endpoint: 'http://user:hunter2@minio:9000' },
      f: { type: 's3', bucket: 'ok-bucket', endpoint: 'http://minio:9000/?x=1', region: 5 },
    });
    expect(problems).toEqual([
      `${PATH}.a.type: must be one of local, s3`,
      `${PATH}.b.root: is required`,
      `${PATH}.c.bucket: is not a known key`,
      `${PATH}.c.root: must be a non-empty string`,
      `${PATH}.d.bucket: must be an S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens`,
      `${PATH}.d.endpoint: must be a URL with scheme http or https`,
      `${PATH}.d.force_path_style: must be true or false`,
      `${PATH}.d.timeout: must be a duration greater than 0 and at most 600000 ms`,
      `${PATH}.e.endpoint: must not hold credentials; use access_key_id and secret_access_key`,
      `${PATH}.f.region: must be a non-empty string`,
      `${PATH}.f.endpoint: must be a URL without a query or fragment`,
    ]);
    expect(problems.join('\n')).not.toContain('hunter2');
  });

  it('requires the two S3 keys together', () => {
    const section = {
      files: { type: 'local', root: '/x' },
      both: { type: 's3', bucket: 'b1', access_key_id: 'k', secret_access_key: 's' },
      none: { type: 's3', bucket: 'b2' },
      onlyKey: { type: 's3', bucket: 'b3', access_key_id: 'k' },
      onlySecret: { type: 's3', bucket: 'b4', secret_access_key: { dev: 's', prd: 's' } },
    };
    expect(storageCredentialProblems('shop', section).map(formatProblem)).toEqual([
      `${PATH}.onlyKey.secret_access_key: is required with access_key_id; give both keys, or neither to use the default AWS credential chain`,
      `${PATH}.onlySecret.access_key_id: is required with secret_access_key; give both keys, or neither to use the default AWS credential chain`,
    ]);
  });
});
