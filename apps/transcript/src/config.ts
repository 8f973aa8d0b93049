import { serviceConfig } from '@santral/service-kit';

/** Transcript's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class TranscriptConfig extends serviceConfig('transcript') {}
