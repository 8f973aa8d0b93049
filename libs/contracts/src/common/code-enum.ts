/**
 * Builds a string "enum" (`{ A: 'A', B: 'B' }`, frozen) from its codes. A const object rather
 * than a TS `enum` so one code (INSUFFICIENT_CREDITS) can belong to several contexts' enums
 * and still be one member of the ErrorCode union.
 */
export function codeEnum<const T extends readonly string[]>(...codes: T): { readonly [K in T[number]]: K } {
  return Object.freeze(Object.fromEntries(codes.map((code) => [code, code]))) as { readonly [K in T[number]]: K };
}

export type CodesOf<E> = E[keyof E];
