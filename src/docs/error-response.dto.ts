import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The body of every 4xx and 5xx answer (see `DomainExceptionFilter`). */
export class ErrorResponseDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({
    description: 'What went wrong: a list of messages for a 400, one message otherwise.',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: ['schedule.every must not be less than 1000'],
  })
  message: string | string[];
  @ApiPropertyOptional({ description: 'Stable code of the error.', example: 'INVALID_SCHEDULE' }) code?: string;
  @ApiPropertyOptional({ description: 'The request field at fault.', example: 'schedule.every' }) field?: string;
  @ApiPropertyOptional({ description: 'For a 500: quote it to find the logged error.' }) correlation_id?: string;
}
