import { BadRequestException, HttpException, NotFoundException } from '@nestjs/common';
import { DomainError } from '@santral/contracts';
import { toDomainError } from './to-domain-error';

describe('toDomainError', () => {
  it('keeps a DomainError', () => {
    const error = new DomainError('CONFLICT', 'x');
    expect(toDomainError(error)).toBe(error);
  });

  it.each([
    [new NotFoundException('Cannot GET /x'), 'NOT_FOUND', 404],
    [new HttpException('Request body is too large', 413), 'PAYLOAD_TOO_LARGE', 413],
    [new HttpException('Unsupported Media Type: text/plain', 415), 'UNSUPPORTED_MEDIA_TYPE', 415],
    [new BadRequestException('Unexpected token b in JSON at position 1'), 'MALFORMED_JSON', 400],
    [Object.assign(new Error('too big'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 }), 'PAYLOAD_TOO_LARGE', 413],
    [Object.assign(new SyntaxError('Unexpected end of JSON input'), { statusCode: 400 }), 'MALFORMED_JSON', 400],
    [new HttpException('teapot', 418), 'VALIDATION_FAILED', 422],
  ])('maps %p to %s', (error, code, status) => {
    expect(toDomainError(error)).toMatchObject({ code, status });
  });

  it('turns an unreachable database into SERVICE_UNAVAILABLE (503), a connection lost mid-transaction stays INTERNAL', () => {
    expect(toDomainError(new Error('timeout exceeded when trying to connect'))).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(toDomainError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(toDomainError(new Error('Connection terminated unexpectedly'))).toMatchObject({ code: 'INTERNAL' });
  });

  it('turns anything else into INTERNAL without its message', () => {
    const problem = toDomainError(new Error('password=hunter2 at db.ts:12')).toProblem('/v1/x');
    expect(problem).toMatchObject({ code: 'INTERNAL', status: 500 });
    expect(JSON.stringify(problem)).not.toContain('hunter2');
  });
});
