import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Browser, chromium } from 'playwright-core';
import { ResourceRegistry } from '../src/resources';
import { DISPATCH_EXAMPLES } from '../src/docs/dispatch-examples';
import { KEY_A } from './support/api-keys';
import { TargetServer } from './support/target-server';
import { startTestApp, TestApp } from './support/test-app';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(__dirname, 'artifacts');
/** Each browser step waits at most this long; the whole test is bounded by jest's timeout. */
const STEP_MS = 15_000;

/** The product, app and action of the first actions example in the OpenAPI document, pointed at a local server. */
function exampleRegistry(baseUrl: string): ResourceRegistry {
  return ResourceRegistry.fromObject(
    {
      products: {
        'my-app': {
          envs: ['prd'],
          apps: { 'email-service': { base_url: baseUrl, actions: { send_welcome_email: { method: 'POST', path: '/emails/welcome' } } } },
        },
      },
    },
    {},
  );
}

describe('Swagger UI in a browser', () => {
  const target = new TargetServer();
  let t: TestApp;
  let browser: Browser | undefined;
  let baseUrl: string;

  beforeAll(async () => {
    t = await startTestApp('swagger_ui', exampleRegistry(await target.start()), { apiKeys: [KEY_A] });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await target.stop();
  });

  it('authorises with an API key and dispatches an action with "Try it out": 201 with a job_id', async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install -y chromium; .ci/run does it)`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage'], timeout: STEP_MS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 1600 } });
    page.setDefaultTimeout(STEP_MS);
    const blocked: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) blocked.push(message.text());
    });
    try {
      await page.goto(`${baseUrl}/docs`);
      await page.locator('.swagger-ui .information-container').waitFor();

      await page.locator('button.authorize').first().click();
      await page.locator('input[aria-label="auth-bearer-value"]').fill(KEY_A);
      await page.locator('.auth-container', { has: page.locator('input[aria-label="auth-bearer-value"]') }).locator('button[aria-label="Apply credentials"]').click();
      await page.locator('button[aria-label="Remove authorization"]').first().waitFor();
      await page.locator('.dialog-ux button.btn-done').first().click();

      const operation = page.locator('.opblock-post', { has: page.locator('[data-path="/actions/dispatch"]') });
      await operation.locator('.opblock-summary').first().click();
      await operation.locator('button.try-out__btn').click();
      await operation.locator('button.execute').click();

      const live = operation.locator('.live-responses-table');
      await live.locator('.response-col_status', { hasText: '201' }).waitFor();
      const responseBody = await live.locator('.response-col_description pre').first().innerText();
      const answer = JSON.parse(responseBody) as { job_id: string; status: string };
      expect(answer.job_id).toMatch(/^[0-9a-f-]{36}$/);
      expect(answer.status).toBe('queued');
      await live.scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(ARTIFACTS, 'swagger-ui-dispatch.png') });

      // The job was written for the key used in the browser.
      const [row] = await t.dataSource.query('SELECT product, target, event FROM jobs WHERE id = ?', [answer.job_id]);
      expect(row).toEqual({ product: 'my-app', target: 'email-service', event: 'send_welcome_email' });
      expect(blocked).toEqual([]);
    } finally {
      await page.screenshot({ path: join(ARTIFACTS, 'swagger-ui-last.png') }).catch(() => undefined);
      await browser.close();
      browser = undefined;
    }
  }, 90_000);

  it('documents every operation, its error answers and the example bodies of each dispatch endpoint', async () => {
    const res = await fetch(`${baseUrl}/docs-json`, { signal: AbortSignal.timeout(STEP_MS) });
    const doc = (await res.json()) as { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };
    const errorRef = { $ref: '#/components/schemas/ErrorResponseDto' };
    for (const [path, methods] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(methods)) {
        expect([path, method, typeof op.summary]).toEqual([path, method, 'string']);
        expect([path, method, op.responses['429']?.content?.['application/json'].schema]).toEqual([path, method, errorRef]);
        const secured = op.security === undefined || op.security.length > 0;
        expect([path, method, op.responses['401'] !== undefined]).toEqual([path, method, secured]);
      }
    }
    expect(doc.paths['/metrics'].get.responses['403']).toBeDefined();
    for (const [path, examples] of Object.entries(DISPATCH_EXAMPLES)) {
      const op = doc.paths[path].post;
      expect(Object.keys(op.requestBody?.content['application/json'].examples ?? {})).toEqual(Object.keys(examples));
      for (const status of ['400', '404', '413', '422']) expect([path, status, op.responses[status]?.content?.['application/json'].schema]).toEqual([path, status, errorRef]);
    }
    expect(doc.components.schemas.DispatchActionDto.properties.env).toMatchObject({ type: 'string', maxLength: 64 });
    expect(doc.components.schemas.DispatchActionDto.properties.retries).toMatchObject({ minimum: 0, maximum: 50 });
    expect(doc.components.schemas.ScheduleDto.properties.every).toMatchObject({ type: 'number', minimum: 1000 });
  });
});

interface Operation {
  summary?: string;
  security?: unknown[];
  requestBody?: { content: Record<string, { examples?: Record<string, unknown> }> };
  responses: Record<string, { content?: Record<string, { schema: unknown }> } | undefined>;
}

interface Schema {
  properties: Record<string, Record<string, unknown>>;
}
