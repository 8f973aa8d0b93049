import type { MetadataStorage as TransformerStorage } from 'class-transformer/types/MetadataStorage';
import { IS_ISO31661_ALPHA_2, IS_TIMEZONE, ValidationTypes } from 'class-validator';
import { MESSAGES, messageFor } from './registry/registry';
import type { PayloadClass } from './registry/define';
import { IS_CREDIT_AMOUNT, IS_JSON_OBJECT, IS_STRING_MAP, IS_TIMESTAMP } from './validation/decorators';

// class-transformer's storage is not a public export; its @Type metadata names nested classes.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: TransformerStorage;
};

/** A JSON Schema (draft-07 subset, which AsyncAPI schemas extend). */
export type JsonSchema = Record<string, unknown>;

export const COMPONENTS_REF_PREFIX = '#/components/schemas/';
const DEFINITIONS_REF_PREFIX = '#/definitions/';

function generatorOptions(refPointerPrefix: string) {
  return {
    refPointerPrefix,
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: {
      [IS_TIMESTAMP]: { type: 'string' as const, format: 'date-time' },
      [IS_TIMEZONE]: { type: 'string' as const, description: 'IANA time zone name' },
      [IS_ISO31661_ALPHA_2]: { type: 'string' as const },
      [IS_JSON_OBJECT]: { type: 'object' as const },
      // Its IsNumber already says `type: number`; the 4-decimal rule has no JSON Schema keyword.
      [IS_CREDIT_AMOUNT]: {},
      [IS_STRING_MAP]: (meta: { constraints: unknown[] }) => ({
        type: 'object' as const,
        maxProperties: meta.constraints[0] as number,
        additionalProperties: { type: 'string' as const, minLength: 1, maxLength: meta.constraints[1] as number },
      }),
      // IsDefined (inside IsNested) only means "required", which `required` already says.
      [ValidationTypes.IS_DEFINED]: {},
    },
  };
}

/** Payloads accept no unknown properties (forbidNonWhitelisted), so every object says so. */
function closeObjects(schema: unknown): void {
  if (Array.isArray(schema)) return schema.forEach(closeObjects);
  if (typeof schema !== 'object' || schema === null) return;
  const record = schema as JsonSchema;
  if (record.type === 'object' && typeof record.properties === 'object') record.additionalProperties = false;
  Object.values(record).forEach(closeObjects);
}

function refsIn(schema: unknown, prefix: string, found: Set<string>): void {
  if (Array.isArray(schema)) return schema.forEach((item) => refsIn(item, prefix, found));
  if (typeof schema !== 'object' || schema === null) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === '$ref' && typeof value === 'string' && value.startsWith(prefix)) found.add(value.slice(prefix.length));
    else refsIn(value, prefix, found);
  }
}

function registryClasses(): PayloadClass[] {
  return [...new Set(MESSAGES.flatMap((message) => (message.reply ? [message.payload, message.reply] : [message.payload])))];
}

/** Classes a payload class nests (by its class-transformer @Type metadata). */
function nestedClasses(cls: PayloadClass, schema: JsonSchema): PayloadClass[] {
  const properties = Object.keys((schema.properties ?? {}) as JsonSchema);
  return properties.flatMap((property) => {
    const type = defaultMetadataStorage.findTypeMetadata(cls, property)?.typeFunction();
    return typeof type === 'function' ? [type as PayloadClass] : [];
  });
}

const cache = new Map<string, Record<string, JsonSchema>>();

/**
 * JSON Schemas of every payload and reply class in the registry and every class nested in
 * them, keyed by class name, with `$ref`s under `refPrefix`. Built class by class from
 * each class's own (and inherited) metadata, so same-named DTOs elsewhere in the process
 * cannot leak in.
 */
export function buildPayloadSchemas(refPrefix = COMPONENTS_REF_PREFIX): Record<string, JsonSchema> {
  let schemas = cache.get(refPrefix);
  if (!schemas) {
    // Loaded on first use: only the catalog generator and tests need it, not running services.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { targetConstructorToSchema } = require('class-validator-jsonschema') as typeof import('class-validator-jsonschema');
    const options = generatorOptions(refPrefix);
    const built: Record<string, JsonSchema> = {};
    const queue = registryClasses();
    while (queue.length > 0) {
      const cls = queue.shift() as PayloadClass;
      if (built[cls.name]) continue;
      const schema = targetConstructorToSchema(cls, options) as JsonSchema;
      built[cls.name] = schema.type ? schema : { type: 'object', properties: {} };
      queue.push(...nestedClasses(cls, built[cls.name]));
    }
    closeObjects(built);
    schemas = Object.fromEntries(Object.entries(built).sort(([a], [b]) => a.localeCompare(b)));
    cache.set(refPrefix, schemas);
  }
  return structuredClone(schemas);
}

/**
 * A self-contained JSON Schema (draft-07) for the payload — or, with `part: 'reply'`, the
 * reply — of one subject, nested classes under `definitions`.
 */
export function jsonSchemaFor(subject: string, part: 'payload' | 'reply' = 'payload'): JsonSchema | undefined {
  const message = messageFor(subject);
  const cls = part === 'payload' ? message?.payload : message?.reply;
  if (!cls) return undefined;
  const schemas = buildPayloadSchemas(DEFINITIONS_REF_PREFIX);
  const { [cls.name]: root, ...rest } = schemas;
  const used = new Set<string>();
  const pending = [root];
  while (pending.length > 0) {
    const found = new Set<string>();
    refsIn(pending.pop(), DEFINITIONS_REF_PREFIX, found);
    for (const name of found) if (!used.has(name)) (used.add(name), pending.push(rest[name]));
  }
  const definitions = Object.fromEntries([...used].sort().map((name) => [name, rest[name]]));
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: `${subject} ${part}`,
    ...root,
    ...(used.size > 0 ? { definitions } : {}),
  };
}
