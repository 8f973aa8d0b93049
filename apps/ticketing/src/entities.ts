/** Every TypeORM entity of this service (its schema: ticketing). */
export const entities: Array<new () => object> = [];
