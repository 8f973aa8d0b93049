/** H5's lines: an average call over 3 minutes is long, failures over 30 % and forwarding over 10 % are problems. */
export function costFlags(r: { averageDurationSeconds: number; failureRate: number; forwardingRate: number }): string[] {
  const flags: string[] = [];
  if (r.averageDurationSeconds > 180) flags.push('LONG_AVERAGE');
  if (r.failureRate > 0.3) flags.push('HIGH_FAILURE');
  if (r.forwardingRate > 0.1) flags.push('HIGH_FORWARDING');
  return flags;
}
