import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchFeatureDto } from './dto/dispatch-feature.dto';
import { FeaturesDispatchService } from './features-dispatch.service';

@ApiTags('features')
@Controller('features')
export class FeaturesController {
  constructor(private readonly features: FeaturesDispatchService) {}

  @DispatchEndpoint({
    summary: "Schedule a feature: the registry's steps for the tag, or the host app's @FeatureHandler; now, at a time, on a cron or every N ms.",
    badRequest: 'A field is invalid; the body names the field.',
    notFound: 'The product or env is not in the registry, or no registry feature or handler serves the tag.',
  })
  dispatch(@Body() dto: DispatchFeatureDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.features.dispatch(dto, idempotencyKey, caller);
  }
}
