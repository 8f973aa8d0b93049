// What the demo prints: one progress line (redrawn in a terminal) and the summary table. Pure.
import type { DemoSummary, ProgressFrame } from './run-demo';

const BAR_WIDTH = 28;

export function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

function talk(seconds: number | null): string {
  if (seconds === null) return '–';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min ${s % 60} s` : `${s} s`;
}

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)} %`);
const credits = (x: number) => x.toFixed(2);

export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const full = Math.round(share * width);
  return `[${'█'.repeat(full)}${'░'.repeat(width - full)}] ${String(Math.floor(share * 100)).padStart(3)} %`;
}

/** One line: the bar over contacts done, then dialled / answered / failed / credits. */
export function progressLine(f: ProgressFrame): string {
  const parts = [
    `${progressBar(f.done, f.contacts)} ${f.done}/${f.contacts}`,
    `dialled ${f.dialled}`,
    `answered ${f.answered}`,
    `failed ${f.failed}`,
    ...(f.retrying ? [`retry ${f.retrying}`] : []),
    ...(f.inProgress ? [`live ${f.inProgress}`] : []),
    `credits ${credits(f.credits)} (−${credits(f.cost)})`,
    duration(f.elapsedMs),
    ...(f.state !== 'active' ? [f.state] : []),
  ];
  return parts.join(' · ') + (f.waiting ? `\n  waiting: ${f.waiting}` : '');
}

function table(head: string[], rows: string[][], alignRight: boolean[]): string[] {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (alignRight[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(head), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
}

export interface DemoLinks {
  baseUrl: string;
  asyncApiFile: string;
  logsDir?: string;
}

/** The summary: outcomes of the calls, the contacts' final states, ASR, average talk, cost, and where to look further. */
export function summaryText(s: DemoSummary, links: DemoLinks): string {
  const out: string[] = [];
  const how = s.interrupted ? 'interrupted (Ctrl-C), campaign cancelled' : s.campaignState === 'completed' ? `completed (${s.completionReason ?? '–'})` : `${s.campaignState}${s.pauseReason ? ` (${s.pauseReason})` : ''}`;
  out.push(`Campaign ${s.campaignId}: ${how} in ${duration(s.elapsedMs)}`, '');
  out.push(...table(['outcome (state · reason)', 'calls', 'share'], s.outcomes.map((o) => [o.outcome, String(o.calls), pct(o.share)]), [false, true, true]));
  out.push('');
  const c = s.contacts;
  out.push(
    ...table(
      ['contacts', 'total', 'succeeded', 'exhausted', 'failed', 'blocked', 'cancelled', 'not final'],
      [['', String(c.total), String(c.succeeded), String(c.exhausted), String(c.failed), String(c.blocked), String(c.cancelled), String(c.pending + c.inProgress + c.retryScheduled)]],
      [false, true, true, true, true, true, true, true],
    ),
  );
  out.push('');
  const costs = s.cost === s.ledgerCost ? `${credits(s.cost)} ${s.currency} (= the ledger's posted calls)` : `${credits(s.cost)} ${s.currency} by the campaign's progress, ${credits(s.ledgerCost)} by the ledger (still settling)`;
  out.push(
    ...table(
      ['figure', 'value'],
      [
        ['calls', String(s.calls)],
        ['answered', String(s.answered)],
        ['ASR (answered ÷ ended calls)', pct(s.asr)],
        ['average talk (answered)', talk(s.averageTalkSeconds)],
        ['cost', costs],
        ['credits left', `${credits(s.credits.balance)} of ${credits(s.credits.toppedUp)} topped up${s.credits.reserved ? `, ${credits(s.credits.reserved)} still held` : ''}`],
        ['import', `${s.import.accepted} contacts, ${s.import.rejected} rows rejected (${s.import.duplicates} duplicate)`],
        ['zones', s.regions.map((r) => `${r.city} ${r.contacts}`).join(', ')],
      ],
      [false, false],
    ),
  );
  out.push('');
  const base = links.baseUrl.replace(/\/+$/, '');
  const day = s.startedAt.slice(0, 10);
  const nextDay = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  out.push(
    'Look further:',
    `  gateway         ${base}`,
    `  API docs        ${base}/docs   (OpenAPI: ${base}/openapi.json)`,
    `  events          ${links.asyncApiFile}   (AsyncAPI 3)`,
    `  this campaign   curl -s ${base}/v1/campaigns/${s.campaignId}/progress -H "Authorization: Bearer ${s.apiKey}"`,
    `  its calls       curl -s "${base}/v1/calls?campaignId=${s.campaignId}" -H "Authorization: Bearer ${s.apiKey}"`,
    `  cost report     curl -s "${base}/v1/billing/cost-report?from=${day}T00:00:00Z&to=${nextDay}T00:00:00Z&campaignId=${s.campaignId}" -H "Authorization: Bearer ${s.apiKey}"`,
    ...(links.logsDir ? [`  service logs    ${links.logsDir}`] : []),
  );
  return out.join('\n');
}
