/** How much one import may read (from config and contracts); a token so specs can lower them. */
export abstract class ImportLimits {
  abstract readonly maxRows: number;
  abstract readonly xlsxMaxInflatedBytes: number;
  /** How often a job that waits (for its call list, behind another import) says it is alive: well inside IMPORT_STALE_MS. */
  abstract readonly heartbeatMs: number;
}
