import { Param, PipeTransform } from '@nestjs/common';

/**
 * UUIDs are case-insensitive on input (RFC 9562), while ids are stored in lower case and compared byte
 * for byte (`UUID_COLUMN`): an id typed in capitals still finds its job.
 */
class LowerCaseIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return value.toLowerCase();
  }
}

/** The `:id` of a job route, in lower case. */
export const JobIdParam = (): ParameterDecorator => Param('id', new LowerCaseIdPipe());
