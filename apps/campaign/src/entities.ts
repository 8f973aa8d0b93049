/** Every TypeORM entity of this service (its schema: campaign). */
export const entities: Array<new () => object> = [];
