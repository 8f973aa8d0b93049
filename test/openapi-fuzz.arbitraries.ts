import fc from 'fast-check';

// fast-check arbitraries for the OpenAPI fuzz test: requests built from the document's own
// schemas, then mutated into what a careless or hostile client sends.

export interface JsonSchema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  format?: string;
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  description?: string;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
}

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'header';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  parameters: Parameter[];
  body?: JsonSchema;
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every operation of the document, with its body schema resolved. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  return Object.entries(doc.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, op]) => ({
      method: method.toUpperCase() as Operation['method'],
      path,
      parameters: op.parameters ?? [],
      body: op.requestBody?.content?.['application/json']?.schema,
    })),
  );
}

/** Strings that have broken parsers, drivers and databases before. */
export const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFF',
  '\uDE00\uD83D',
  '',
  ' ',
  '\t\n\r',
  '💩',
  '\u202Eevil',
  '\uFEFF',
  "'; DROP TABLE users; --",
  '../../etc/passwd',
  '%00',
  '%zz',
  '{{7*7}}',
  '__proto__',
  'constructor',
  'NaN',
  '1e309',
  '-0',
  '9'.repeat(400),
  'ş'.repeat(5_000),
  'x'.repeat(70_000),
];

/** What the input rule refuses, weighted up against the other nasty strings. */
const TAINT = fc.oneof({ weight: 2, arbitrary: fc.constantFrom('\u0000', 'a\u0000b', '\uD800', 'x\uDFFF', '\uDE00\uD83D') }, { weight: 1, arbitrary: fc.constantFrom(...NASTY_STRINGS) });

const nastyString = fc.oneof(fc.constantFrom(...NASTY_STRINGS), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ maxLength: 20 }));

/** URL-looking strings, for settings that name an upstream. */
const URLISH = fc.constantFrom('http://127.0.0.1:1', 'http://127.0.0.1:4222', 'https://example.invalid', 'http://[::1]:9', 'ftp://x', 'file:///etc/passwd', 'http://', 'not a url', 'https://api.twilio.com?');

/** Any JSON value, the odd ones weighted up. */
export const garbage: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1.5, 1e308, -1e308, 2 ** 53 + 1, [], {}, [null], { '': '' }),
  nastyString,
  fc.jsonValue({ maxDepth: 3 }),
  fc.integer({ min: 1, max: 3000 }).map((depth) => nest(depth)),
);

/** `[[[…]]]` `depth` deep, or `{a:{a:…}}`. */
export function nest(depth: number, leaf: unknown = 1): unknown {
  let value: unknown = leaf;
  for (let i = 0; i < depth; i++) value = depth % 2 === 0 ? [value] : { a: value };
  return value;
}

export class SchemaArbitraries {
  /** Every example the document gives a property, by property name (`timeZone` → 'Europe/Istanbul'). */
  private readonly examples = new Map<string, unknown[]>();

  constructor(
    private readonly doc: OpenApiDocument,
    /** Real ids (of this test's resources) that a `format: uuid` string picks from. */
    private readonly ids: string[],
  ) {
    for (const schema of Object.values(doc.components?.schemas ?? {})) {
      for (const [name, property] of Object.entries(schema.properties ?? {})) {
        if (property.example !== undefined) this.examples.set(name, [...(this.examples.get(name) ?? []), property.example]);
      }
    }
  }

  private resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const found = this.doc.components?.schemas?.[name];
    if (!found) throw new Error(`unresolved ${schema.$ref}`);
    return found;
  }

  /** A value that conforms to `schema` (as far as the document says). */
  valid(input: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(input);
    const examples = schema.example === undefined ? [] : [fc.constant(schema.example)];
    if (schema.enum) return fc.constantFrom(...schema.enum);
    if (schema.allOf?.length) return this.valid(schema.allOf[0]!, depth);
    const alternatives = schema.oneOf ?? schema.anyOf;
    if (alternatives?.length) return fc.oneof(...alternatives.map((s) => this.valid(s, depth)));
    switch (schema.type) {
      case 'string':
        return fc.oneof(...examples, this.string(schema));
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1_000_000, max: schema.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
      case 'boolean':
        return fc.boolean();
      case 'array':
        return fc.array(schema.items ? this.valid(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 1 }), { maxLength: Math.min(schema.maxItems ?? 4, 4) });
      case 'object':
      case undefined:
        return fc.oneof(...examples, this.object(schema, depth));
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private string(schema: JsonSchema): fc.Arbitrary<string> {
    const bounds = { minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) };
    switch (schema.format) {
      case 'uuid':
        return this.ids.length ? fc.oneof(fc.constantFrom(...this.ids), fc.uuid()) : fc.uuid();
      case 'email':
        return fc.emailAddress();
      case 'date-time':
        return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
      default:
        return fc.string(bounds);
    }
  }

  private object(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    if (!schema.properties) {
      const values = typeof schema.additionalProperties === 'object' ? this.valid(schema.additionalProperties, depth + 1) : fc.oneof(fc.jsonValue({ maxDepth: 2 }), URLISH, garbage);
      // A free object's description names the keys that mean something (`baseUrl`, `timeScale`): try those most.
      const named = [...(schema.description ?? '').matchAll(/`(\w+)`/g)].map((m) => m[1]!);
      const anyKey = fc.oneof(fc.string({ maxLength: 12 }), nastyString);
      const key = named.length ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...named) }, { weight: 1, arbitrary: anyKey }) : anyKey;
      return fc.dictionary(key, values, { maxKeys: 4 });
    }
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [key, property] of Object.entries(schema.properties)) {
      const known = this.examples.get(key) ?? [];
      record[key] = known.length ? fc.oneof(fc.constantFrom(...known), this.valid(property, depth + 1)) : this.valid(property, depth + 1);
    }
    return fc.record(record, { requiredKeys: (schema.required ?? []).filter((k) => k in record) });
  }

  /** A body for `schema`: mostly valid or nearly so, sometimes anything at all. */
  body(schema: JsonSchema): fc.Arbitrary<unknown> {
    const valid = this.valid(schema);
    const keys = Object.keys(this.resolve(schema).properties ?? {});
    const someKey = keys.length ? fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 10 })) : fc.string({ maxLength: 10 });
    return fc.oneof(
      { weight: 3, arbitrary: valid },
      { weight: 3, arbitrary: fc.tuple(valid, someKey, garbage).map(([v, k, g]) => withProperty(v, k, g)) },
      { weight: 3, arbitrary: fc.tuple(valid, TAINT, fc.nat()).map(([v, s, i]) => taintString(v, s, i)) },
      { weight: 1, arbitrary: fc.tuple(valid, someKey).map(([v, k]) => withoutProperty(v, k)) },
      { weight: 1, arbitrary: garbage },
    );
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function withProperty(value: unknown, key: string, item: unknown): unknown {
  return isObject(value) ? { ...value, [key]: item } : value;
}

function withoutProperty(value: unknown, key: string): unknown {
  if (!isObject(value)) return value;
  const { [key]: _dropped, ...rest } = value;
  return rest;
}

/** `value` with `nasty` appended to its `which`-th string (counted depth first, modulo their number); the rest untouched. */
export function taintString(value: unknown, nasty: string, which: number): unknown {
  const strings = countStrings(value, 40);
  if (strings === 0) return value;
  let target = which % strings;
  const walk = (v: unknown, depth: number): unknown => {
    if (typeof v === 'string') return target-- === 0 ? `${v}${nasty}` : v;
    if (depth === 0) return v;
    if (Array.isArray(v)) return v.map((item) => walk(item, depth - 1));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, walk(item, depth - 1)]));
    return v;
  };
  return walk(value, 40);
}

function countStrings(value: unknown, depth: number): number {
  if (typeof value === 'string') return 1;
  if (depth === 0 || typeof value !== 'object' || value === null) return 0;
  return Object.values(value).reduce<number>((n, item) => n + countStrings(item, depth - 1), 0);
}
