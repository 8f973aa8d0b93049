import type { OpenAPIObject } from '@nestjs/swagger';
import { toOpenApi31 } from './openapi';

describe('toOpenApi31', () => {
  it('says 3.1.0 and replaces nullable with a null type', () => {
    const doc = {
      openapi: '3.0.0',
      info: { title: 't', version: '1' },
      paths: {},
      components: {
        schemas: {
          A: {
            type: 'object',
            properties: {
              at: { type: 'string', format: 'date-time', nullable: true },
              ref: { $ref: '#/components/schemas/B', nullable: true },
              plain: { type: 'integer', nullable: false },
            },
          },
        },
      },
    } as unknown as OpenAPIObject;
    const out = toOpenApi31(doc);
    expect(out.openapi).toBe('3.1.0');
    expect(out.components?.schemas?.A).toEqual({
      type: 'object',
      properties: {
        at: { type: ['string', 'null'], format: 'date-time' },
        ref: { oneOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] },
        plain: { type: 'integer' },
      },
    });
  });
});
