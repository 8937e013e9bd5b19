import { UnprocessableEntityException, ValidationError, ValidationPipe } from '@nestjs/common';

/** One pipe for every endpoint: unknown fields refused, 422 lists each field's problems. */
export function apiValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: (errors: ValidationError[]) => {
      const fields: Record<string, string[]> = {};
      collect(errors, '', fields);
      return new UnprocessableEntityException({
        status: 'UNPROCESSABLE_ENTITY',
        message: `Invalid request: ${Object.entries(fields).map(([field, problems]) => `${field}: ${problems.join(', ')}`).join('; ')}`,
        errors: fields,
      });
    },
  });
}

function collect(errors: ValidationError[], prefix: string, into: Record<string, string[]>): void {
  for (const error of errors) {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    if (error.constraints) into[field] = Object.values(error.constraints);
    if (error.children?.length) collect(error.children, field, into);
  }
}
