/** Every TypeORM entity of this service (its schema: transcript). */
export const entities: Array<new () => object> = [];
