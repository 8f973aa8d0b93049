import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ProblemFieldErrorDto {
  @ApiProperty({ description: 'Dotted path of the offending input', example: 'limits.concurrentSlots' })
  field: string;

  @ApiProperty({ example: 'concurrentSlots must not be less than 1' })
  message: string;
}

/** RFC 9457 problem details, served as application/problem+json. */
export class ProblemDetailsDto {
  @ApiProperty({ format: 'uri-reference', example: 'urn:santral:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'Validation failed' })
  title: string;

  @ApiProperty({ type: 'integer', example: 422 })
  status: number;

  @ApiPropertyOptional({ example: 'The request is not valid' })
  detail?: string;

  @ApiPropertyOptional({ description: 'Path of the request that failed', example: '/v1/organizations' })
  instance?: string;

  @ApiProperty({ description: 'Stable machine-readable error code', example: 'VALIDATION_FAILED' })
  code: string;

  @ApiPropertyOptional({ type: [ProblemFieldErrorDto], description: 'Per-field errors (VALIDATION_FAILED)' })
  errors?: ProblemFieldErrorDto[];
}
