import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a resources.yaml whose app `mailer` calls the given base URL, for worker processes to load. */
export function writeRegistryFile(baseUrl: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dispatch-test-'));
  const file = join(dir, 'resources.yaml');
  writeFileSync(
    file,
    `products:
  shop:
    envs: [dev, prd]
    apps:
      mailer:
        base_url: "${baseUrl}"
        timeout: 30s
        actions:
          ping: { method: GET, path: /ping }
          slow: { method: POST, path: /slow }
`,
  );
  return file;
}
