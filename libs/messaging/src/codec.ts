const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function encodeJson(value: unknown): Uint8Array {
  return value === undefined ? new Uint8Array(0) : encoder.encode(JSON.stringify(value));
}

/** Empty body decodes to `undefined`; invalid JSON throws. */
export function decodeJson<T = unknown>(data: Uint8Array): T {
  if (data.length === 0) return undefined as T;
  return JSON.parse(decoder.decode(data)) as T;
}
