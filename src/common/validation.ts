import { ValidationPipe } from '@nestjs/common';

/** Unknown fields are a 400 rather than silently dropped; payloads become DTO instances. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    // One message per field: the first rule it breaks, not every rule it could.
    stopAtFirstError: true,
    validationError: { target: false, value: false },
  });
}
