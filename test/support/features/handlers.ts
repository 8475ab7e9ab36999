import { Injectable, Module } from '@nestjs/common';
import { FeatureHandler, FeatureHandlerContext } from '../../../src/namespaces/features/handlers/feature-handler.decorator';

/** A host app's feature handler: it remembers each call and answers with what it was given. */
@Injectable()
export class HostReports {
  readonly calls: Array<{ input: Record<string, unknown>; ctx: FeatureHandlerContext }> = [];

  @FeatureHandler('host_report')
  async build(input: Record<string, unknown>, ctx: FeatureHandlerContext): Promise<Record<string, unknown>> {
    this.calls.push({ input, ctx });
    return { report: `for ${String(input.day)}`, occurrence: ctx.occurrenceId };
  }
}

/** A second host module claiming the same tag, which must stop the start. */
@Injectable()
export class RivalReports {
  @FeatureHandler('host_report')
  build(): string {
    return 'rival';
  }
}

@Module({ providers: [HostReports], exports: [HostReports] })
export class HostReportsModule {}

@Module({ providers: [RivalReports] })
export class RivalReportsModule {}
