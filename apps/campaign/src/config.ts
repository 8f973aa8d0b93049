import { IsInt, Max, Min } from 'class-validator';
import { serviceConfig } from '@santral/service-kit';

/** Campaign's variables; DB_SCHEMA and HTTP_PORT come from services.json. */
export class CampaignConfig extends serviceConfig('campaign') {
  /** Worker threads normalizing imported numbers; 0 normalizes on the main thread. */
  @IsInt()
  @Min(0)
  @Max(16)
  IMPORT_WORKERS: number = 2;

  /** An XLSX inflating past this many MiB is refused as IMPORT_FILE_TOO_LARGE (zip-bomb guard). */
  @IsInt()
  @Min(1)
  @Max(4096)
  IMPORT_XLSX_MAX_INFLATED_MB: number = 512;

  /** Rows one file may have; past it the job fails with IMPORT_FILE_TOO_LARGE and imports nothing. */
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  IMPORT_MAX_ROWS: number = 2_000_000;

  /**
   * An import job queued this long without starting, or running without a heartbeat this long (its
   * process died), is run again from the start — by any replica (an import is all or nothing).
   */
  @IsInt()
  @Min(1000)
  @Max(3_600_000)
  IMPORT_STALE_MS: number = 120_000;

  /** How often a replica looks for such jobs; 0 turns it off. */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  IMPORT_RECOVERY_INTERVAL_MS: number = 30_000;

  /** Contacts one release transaction requests from the dialer (campaign.call.requested.v1, ≤ 500 an event). */
  @IsInt()
  @Min(1)
  @Max(50_000)
  CAMPAIGN_RELEASE_CHUNK: number = 5000;

  /** How often the campaign job looks for contacts to request and for campaigns past their end; 0 turns it off. */
  @IsInt()
  @Min(0)
  @Max(3_600_000)
  CAMPAIGN_JOB_INTERVAL_MS: number = 1000;
}
