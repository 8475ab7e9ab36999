import { Body, Controller } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CurrentCaller } from '../../auth/auth.decorators';
import type { Caller } from '../../auth/caller';
import { DispatchEndpoint } from '../../common/decorators/dispatch-endpoint.decorator';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchStorageDto } from './dto/dispatch-storage.dto';
import { StorageDispatchService } from './storage-dispatch.service';

@ApiTags('storage')
@Controller('storage')
export class StorageController {
  constructor(private readonly storage: StorageDispatchService) {}

  @DispatchEndpoint({
    summary: 'Schedule a file upload, delete, copy or move on a local folder or an S3 bucket: now, at a time, on a cron or every N ms.',
    badRequest: 'A field is invalid (a file name that leaves the storage, a buffer that is not base64…); the body names it.',
    notFound: 'The product, env or storage is not in the registry.',
    tooLarge: 'The upload is larger than STORAGE_MAX_UPLOAD_BYTES once decoded, or the body larger than BODY_LIMIT.',
  })
  dispatch(@Body() dto: DispatchStorageDto, @IdempotencyKey() idempotencyKey?: string, @CurrentCaller() caller?: Caller): Promise<DispatchResultDto> {
    return this.storage.dispatch(dto, idempotencyKey, caller);
  }
}
