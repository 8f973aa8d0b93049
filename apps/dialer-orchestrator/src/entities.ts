/** Every TypeORM entity of this service (its schema: dialer). */
export const entities: Array<new () => object> = [];
