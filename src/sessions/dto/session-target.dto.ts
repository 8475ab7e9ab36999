import { ApiProperty } from '@nestjs/swagger';
import { Name } from '../../common/validators/in-order';

/** The session type a request is about: `sessions.<tag>` of a product, seen from one env. */
export class SessionTargetDto {
  @ApiProperty({ example: 'prd', maxLength: 64 })
  @Name(64)
  env: string;

  @ApiProperty({ example: 'shop', maxLength: 128 })
  @Name(128)
  product: string;

  @ApiProperty({ description: 'A session type of the product in the registry (`sessions.<tag>`).', example: 'user', maxLength: 128 })
  @Name(128)
  tag: string;
}
