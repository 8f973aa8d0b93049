import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { tenantQuery, type OrgId } from '@santral/persistence';
import { QualitySampleReader, type SampledCall } from './operator-helpers.port';

interface Row {
  operator_user_id: string;
  call_id: string;
  ticket_id: string | null;
  started_at: string;
  ended_at: string;
  talk_seconds: number;
  recording_url: string | null;
  call_count: string;
}

/**
 * Reads the tickets' call tracks (ticket_call_tracks; read-only) and their ticket links (ticket_calls):
 * every mapped operator who answered a call that ended in the period; per operator the calls ordered
 * by md5(call id ‖ seed), so the same period gives the same sample however often it is asked.
 * Scans the organization's tracks of the period through the track's `ended.at` (no index on it yet).
 */
@Injectable()
export class SqlQualitySampleReader extends QualitySampleReader {
  constructor(private readonly db: DataSource) {
    super();
  }

  async sample(orgId: OrgId, period: { from: Date; to: Date }, perOperator: number, seed: string): Promise<SampledCall[]> {
    const rows = await tenantQuery<Row>(
      this.db,
      orgId,
      `WITH answered AS (
         SELECT a->>'userId' AS operator_user_id, t.call_id, a->>'at' AS started_at, t.track->'ended'->>'at' AS ended_at,
                COALESCE((t.track->'ended'->>'talkSeconds')::int, 0) AS talk_seconds, t.track->'recording'->>'url' AS recording_url
           FROM ticket_call_tracks t CROSS JOIN LATERAL jsonb_array_elements(t.track->'answers') a
          WHERE t.organization_id = $1 AND t.track ? 'ended' AND a->>'userId' IS NOT NULL
            AND (t.track->'ended'->>'at')::timestamptz >= $2 AND (t.track->'ended'->>'at')::timestamptz < $3
       ), ranked AS (
         SELECT x.*, row_number() OVER (PARTITION BY x.operator_user_id ORDER BY md5(x.call_id::text || $4), x.call_id) AS n,
                count(*) OVER (PARTITION BY x.operator_user_id) AS call_count
           FROM answered x
       )
       SELECT r.operator_user_id, r.call_id, r.started_at, r.ended_at, r.talk_seconds, r.recording_url, r.call_count,
              (SELECT tc.ticket_id FROM ticket_calls tc
                WHERE tc.organization_id = $1 AND tc.call_id = r.call_id AND tc.operator_key = r.operator_user_id) AS ticket_id
         FROM ranked r WHERE r.n <= $5
        ORDER BY r.operator_user_id, r.n`,
      [period.from, period.to, seed, perOperator],
    );
    return rows.map((r) => ({
      operatorUserId: r.operator_user_id,
      callId: r.call_id,
      ticketId: r.ticket_id,
      startedAt: new Date(r.started_at).toISOString(),
      endedAt: new Date(r.ended_at).toISOString(),
      talkSeconds: r.talk_seconds,
      recordingUrl: r.recording_url,
      callCount: Number(r.call_count),
    }));
  }
}
