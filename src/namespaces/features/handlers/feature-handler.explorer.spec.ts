import { Injectable, Scope } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { ResourceRegistry } from '../../../resources';
import { FeatureHandler, FeatureHandlerContext } from './feature-handler.decorator';
import { FeatureHandlerExplorer } from './feature-handler.explorer';
import { FeatureHandlers } from './feature-handlers';

const registry = ResourceRegistry.fromObject({ products: { shop: { envs: ['prd'] } } }, {});

@Injectable()
class Reports {
  readonly prefix = 'report for';
  @FeatureHandler('daily_report')
  async daily(input: { day: string }, ctx: FeatureHandlerContext) {
    return { text: `${this.prefix} ${input.day}`, occurrence: ctx.occurrenceId };
  }

  notAHandler() {
    return 'plain';
  }
}

@Injectable()
class OtherReports {
  @FeatureHandler('daily_report')
  daily() {
    return 'other';
  }
}

@Injectable()
class BadTag {
  @FeatureHandler('daily report')
  run() {
    return undefined;
  }
}

@Injectable({ scope: Scope.REQUEST })
class PerRequest {
  @FeatureHandler('per_request')
  run() {
    return undefined;
  }
}

async function start(...providers: Array<new (...args: never[]) => unknown>) {
  const moduleRef = await Test.createTestingModule({
    imports: [DiscoveryModule],
    providers: [FeatureHandlers, FeatureHandlerExplorer, { provide: ResourceRegistry, useValue: registry }, ...providers],
  }).compile();
  moduleRef.useLogger(false);
  return moduleRef;
}

describe('FeatureHandlerExplorer', () => {
  it('registers decorated methods, called on their instance with (input, ctx)', async () => {
    const moduleRef = await start(Reports, { provide: 'alias', useExisting: Reports } as never);
    await moduleRef.init();
    const handlers = moduleRef.get(FeatureHandlers);
    expect(handlers.tags()).toEqual(['daily_report']);
    const handler = handlers.get('daily_report');
    expect(handler?.owner).toBe('Reports.daily');
    const ctx = { occurrenceId: 'job-1:1' } as FeatureHandlerContext;
    await expect(handler?.run({ day: 'monday' }, ctx)).resolves.toEqual({ text: 'report for monday', occurrence: 'job-1:1' });
    await moduleRef.close();
  });

  it('stops the start when two handlers claim one tag, naming both', async () => {
    const moduleRef = await start(Reports, OtherReports);
    await expect(moduleRef.init()).rejects.toThrow(
      "Feature tag 'daily_report' has two handlers: Reports.daily and OtherReports.daily. Keep @FeatureHandler('daily_report') on one method only.",
    );
    // Nothing to close: the module holds no connections, and close() would only repeat the failure.
  });

  it('stops the start on a tag that no dispatch could name', async () => {
    const moduleRef = await start(BadTag);
    await expect(moduleRef.init()).rejects.toThrow("@FeatureHandler on BadTag.run needs a tag of 1 to 128 letters, digits, _ . : or - (the dispatch body's tag)");
  });

  it('ignores a request-scoped provider, which has no instance outside a request', async () => {
    const moduleRef = await start(PerRequest);
    await moduleRef.init();
    expect(moduleRef.get(FeatureHandlers).has('per_request')).toBe(false);
    await moduleRef.close();
  });
});
