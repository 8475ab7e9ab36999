import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IdempotencyKey } from '../../common/decorators/idempotency-key.decorator';
import { DispatchResultDto } from '../../common/dto/dispatch-result.dto';
import { DispatchStorageDto } from './dto/dispatch-storage.dto';
import { StorageDispatchService } from './storage-dispatch.service';

@ApiTags('storage')
@Controller('storage')
export class StorageController {
  constructor(private readonly storage: StorageDispatchService) {}

  @Post('dispatch')
  @HttpCode(201)
  @ApiOperation({ summary: 'Schedule a file upload, delete, copy or move on a local folder or an S3 bucket: now, at a time, on a cron or every N ms.' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A repeat with the same key and body returns the first answer.' })
  @ApiCreatedResponse({ type: DispatchResultDto })
  @ApiBadRequestResponse({ description: 'A field is invalid (a file name that leaves the storage, a buffer that is not base64…); the body names it.' })
  @ApiNotFoundResponse({ description: 'The product, env or storage is not in the registry.' })
  @ApiPayloadTooLargeResponse({ description: 'The upload is larger than STORAGE_MAX_UPLOAD_BYTES once decoded, or the body larger than BODY_LIMIT.' })
  @ApiUnprocessableEntityResponse({ description: 'The Idempotency-Key was used with another body.' })
  dispatch(@Body() dto: DispatchStorageDto, @IdempotencyKey() idempotencyKey?: string): Promise<DispatchResultDto> {
    return this.storage.dispatch(dto, idempotencyKey);
  }
}
