import { Injectable, Module } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryValidationError } from './registry-errors';
import { ResourceRegistry } from './resource-registry';
import { ResourcesModule } from './resources.module';

@Injectable()
class NeedsRegistry {
  constructor(readonly registry: ResourceRegistry) {}
}

/** A feature module that does not import ResourcesModule: the registry must reach it globally. */
@Module({ providers: [NeedsRegistry], exports: [NeedsRegistry] })
class FeatureModule {}

describe('ResourcesModule', () => {
  let dir: string;
  const savedResourcesFile = process.env.RESOURCES_FILE;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'resources-module-spec-'));
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => {
    if (savedResourcesFile === undefined) delete process.env.RESOURCES_FILE;
    else process.env.RESOURCES_FILE = savedResourcesFile;
  });

  function writeFile(name: string, text: string): string {
    const file = join(dir, name);
    writeFileSync(file, text);
    return file;
  }

  it('loads the given file and provides the registry to every module', async () => {
    const file = writeFile('ok.yaml', 'products:\n  shop:\n    envs: [dev, prd]\n');
    const moduleRef = await Test.createTestingModule({
      imports: [ResourcesModule.forRoot({ file }), FeatureModule],
    }).compile();
    const registry = moduleRef.get(ResourceRegistry);
    expect(registry.products()).toEqual(['shop']);
    expect(moduleRef.get(NeedsRegistry).registry).toBe(registry);
    await moduleRef.close();
  });

  it('provides a registry built in code', async () => {
    const registry = ResourceRegistry.fromObject({ products: { blog: { envs: ['dev'] } } }, {});
    const moduleRef = await Test.createTestingModule({
      imports: [ResourcesModule.forRoot({ registry, file: join(dir, 'ignored.yaml') })],
    }).compile();
    expect(moduleRef.get(ResourceRegistry)).toBe(registry);
    await moduleRef.close();
  });

  it('falls back to RESOURCES_FILE', async () => {
    process.env.RESOURCES_FILE = writeFile('from-env.yaml', 'products:\n  envshop:\n    envs: [dev]\n');
    const moduleRef = await Test.createTestingModule({ imports: [ResourcesModule.forRoot()] }).compile();
    expect(moduleRef.get(ResourceRegistry).products()).toEqual(['envshop']);
    await moduleRef.close();
  });

  it('stops start-up with every problem of a bad file', async () => {
    const file = writeFile('bad.yaml', 'products:\n  shop:\n    envs: []\n    foo: 1\n');
    const compiling = Test.createTestingModule({ imports: [ResourcesModule.forRoot({ file })] }).compile();
    await expect(compiling).rejects.toThrow(RegistryValidationError);
    await expect(
      Test.createTestingModule({ imports: [ResourcesModule.forRoot({ file })] }).compile(),
    ).rejects.toThrow(
      'Invalid resource registry:\n  products.shop.foo: is not a known key\n  products.shop.envs: must be a non-empty list of strings',
    );
  });

  it('stops start-up when the file is missing', async () => {
    const file = join(dir, 'absent.yaml');
    await expect(Test.createTestingModule({ imports: [ResourcesModule.forRoot({ file })] }).compile()).rejects.toThrow(
      `${file}: file not found`,
    );
  });
});
