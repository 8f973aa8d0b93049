/** How much one import may read (from config and contracts); a token so specs can lower them. */
export abstract class ImportLimits {
  abstract readonly maxRows: number;
  abstract readonly xlsxMaxInflatedBytes: number;
}
