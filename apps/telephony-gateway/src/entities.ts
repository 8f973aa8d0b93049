/** Every TypeORM entity of this service (its schema: telephony). */
export const entities: Array<new () => object> = [];
