import { IsIn, IsInt, Max, Min } from 'class-validator';
import { serviceConfig } from '@santral/service-kit';

/** Ticketing's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class TicketingConfig extends serviceConfig('ticketing') {
  /** How long an enrichment answer of the business's system is reused for the same caller (K7). */
  @IsInt()
  @Min(0)
  @Max(86_400_000)
  ENRICHMENT_CACHE_TTL_MS: number = 60_000;

  /** Callers' enrichment answers one replica keeps (LRU). */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  ENRICHMENT_CACHE_MAX: number = 10_000;

  /** A slow enrichment request is given this long in the background to fill the cache for the next card. */
  @IsInt()
  @Min(100)
  @Max(60_000)
  ENRICHMENT_BACKGROUND_MS: number = 5000;

  /** Development and tests only: an organization's lookup URL may be localhost or a private address (SANTRAL_DEV_MODE allows it too). */
  @IsIn(['true', 'false'])
  ENRICHMENT_ALLOW_PRIVATE_URLS: 'true' | 'false' = 'false';
}
