import { jsonSchemaFor, type JsonSchema } from '../json-schema';
import { CLOCK_TIME_PATTERN, DIAL_TARGET_PATTERN, E164_PATTERN, LOCAL_DATE_PATTERN } from './decorators';

/**
 * Builds a value that satisfies a payload JSON Schema, from the schema alone. Used by the
 * tests (every subject's payload is generated from its schema and must pass class-validator,
 * which proves the two agree) and handy for fixtures and docs.
 */
const PATTERN_SAMPLES: Record<string, string> = {
  [E164_PATTERN.source]: '+905551234567',
  [DIAL_TARGET_PATTERN.source]: 'sip:operator@pbx.example.com',
  [CLOCK_TIME_PATTERN.source]: '09:00',
  [LOCAL_DATE_PATTERN.source]: '2027-01-01',
  '^[A-Z]{2}$': 'TR',
};

const SAMPLE_UUID = '0190a5b2-3c4d-7e8f-9a0b-1c2d3e4f5a6b';
const SAMPLE_TIME = '2026-01-05T09:30:00.000Z';

export interface SampleOptions {
  /** Fill optional properties too (default: required ones only). */
  full?: boolean;
}

export function sampleFromSchema(
  schema: JsonSchema,
  definitions: Record<string, JsonSchema>,
  options: SampleOptions = {},
): unknown {
  if (typeof schema.$ref === 'string') {
    const name = schema.$ref.split('/').pop() as string;
    return sampleFromSchema(definitions[name], definitions, options);
  }
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum)) return schema.enum[0];
  if (Array.isArray(schema.oneOf)) return sampleFromSchema(schema.oneOf[0] as JsonSchema, definitions, options);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const keys = Object.keys(properties).filter((key) => options.full || required.has(key));
      return Object.fromEntries(keys.map((key) => [key, sampleFromSchema(properties[key], definitions, options)]));
    }
    case 'array': {
      const count = Math.max(Number(schema.minItems ?? 0), options.full ? 1 : 0);
      return Array.from({ length: count }, () => sampleFromSchema(schema.items as JsonSchema, definitions, options));
    }
    case 'integer':
    case 'number':
      return Number(schema.minimum ?? 0);
    case 'boolean':
      return options.full === true;
    case 'string':
      return sampleString(schema);
    default:
      return {};
  }
}

function sampleString(schema: JsonSchema): string {
  if (typeof schema.pattern === 'string' && PATTERN_SAMPLES[schema.pattern]) return PATTERN_SAMPLES[schema.pattern];
  if (schema.format === 'uuid') return SAMPLE_UUID;
  if (schema.format === 'date-time') return SAMPLE_TIME;
  if (schema.description === 'IANA time zone name') return 'Europe/Istanbul';
  return 'x'.repeat(Math.max(Number(schema.minLength ?? 1), 1));
}

/** A valid sample payload (or reply) for a registered subject, built from its JSON Schema. */
export function samplePayload(subject: string, options: SampleOptions & { part?: 'payload' | 'reply' } = {}): unknown {
  const schema = jsonSchemaFor(subject, options.part ?? 'payload');
  if (!schema) throw new Error(`no ${options.part ?? 'payload'} schema for ${subject}`);
  return sampleFromSchema(schema, (schema.definitions ?? {}) as Record<string, JsonSchema>, options);
}
