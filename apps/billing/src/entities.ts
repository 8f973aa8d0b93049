/** Every TypeORM entity of this service (its schema: billing). */
export const entities: Array<new () => object> = [];
