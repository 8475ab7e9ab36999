import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsIn, IsNotEmpty, IsObject, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { DispatchOptionsDto } from '../../../common/dto/dispatch-options.dto';
import { InOrder, Name } from '../../../common/validators/in-order';
import { MAX_STORAGE_PATH_BYTES } from '../storage-path';
import { MEDIA_TYPE, STORAGE_OPERATIONS, StorageOperationName } from '../storage-input';

const FILE_NAME_RULES =
  "A relative path inside the storage, '/' between folders: no leading '/', no '.' or '..' segment, no backslash or control character, at most 1024 bytes.";

/** A file name: its path rules are checked after the DTO, so that each message says which rule failed. */
const FileName = (): PropertyDecorator => InOrder(IsNotEmpty(), IsString(), MaxLength(MAX_STORAGE_PATH_BYTES));

export class StorageInputDto {
  @ApiPropertyOptional({ enum: STORAGE_OPERATIONS, description: 'The same as `event` when given; `event` decides.' })
  @IsOptional()
  @IsIn(STORAGE_OPERATIONS, { message: `$property must be one of ${STORAGE_OPERATIONS.join(', ')}` })
  operation?: StorageOperationName;

  @ApiProperty({ description: `The file acted on. ${FILE_NAME_RULES}`, example: 'reports/2030-01.pdf', maxLength: MAX_STORAGE_PATH_BYTES })
  @FileName()
  fileName: string;

  @ApiPropertyOptional({
    description: 'upload only: the file, base64 (standard alphabet). Capped by STORAGE_MAX_UPLOAD_BYTES (default 10 MiB) once decoded; 413 beyond.',
    format: 'byte',
    example: 'aGVsbG8gd29ybGQ=',
  })
  @IsOptional()
  @IsString()
  buffer?: string;

  @ApiPropertyOptional({ description: 'upload only: the Content-Type stored with the file.', example: 'application/pdf', default: 'application/octet-stream' })
  @IsOptional()
  @InOrder(IsString(), MaxLength(255), Matches(MEDIA_TYPE, { message: '$property must be a media type such as image/png' }))
  mimeType?: string;

  @ApiPropertyOptional({ description: `copy and move only: where the file goes; a file already there is replaced. ${FILE_NAME_RULES}`, example: 'archive/2030-01.pdf' })
  @IsOptional()
  @FileName()
  destination?: string;
}

export class DispatchStorageDto extends DispatchOptionsDto {
  @ApiProperty({ description: 'A storage of the product in the registry.', example: 'files' })
  @Name(128)
  storage: string;

  @ApiProperty({ enum: STORAGE_OPERATIONS, description: 'The operation.', example: 'upload' })
  @InOrder(IsDefined(), IsIn(STORAGE_OPERATIONS, { message: `$property must be one of ${STORAGE_OPERATIONS.join(', ')}` }))
  event: StorageOperationName;

  @ApiProperty({ type: StorageInputDto })
  @InOrder(IsDefined(), IsObject(), ValidateNested())
  @Type(() => StorageInputDto)
  input: StorageInputDto;
}
