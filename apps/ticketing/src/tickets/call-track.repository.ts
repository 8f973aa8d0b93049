import { Injectable } from '@nestjs/common';
import { tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import { EMPTY_TRACK, type CallTrack } from './call-track';
import { CallTracksPort } from './tickets.port';

@Injectable()
export class CallTrackRepository extends CallTracksPort {
  async lockOrCreate(orgId: OrgId, callId: string, tx: Tx): Promise<CallTrack> {
    await tenantQuery(
      tx,
      orgId,
      `INSERT INTO ticket_call_tracks (organization_id, call_id, track, updated_at) VALUES ($1, $2, $3::jsonb, clock_timestamp()) ON CONFLICT DO NOTHING`,
      [callId, JSON.stringify(EMPTY_TRACK)],
    );
    return (await this.findForUpdate(orgId, callId, tx))!;
  }

  async findForUpdate(orgId: OrgId, callId: string, tx: Tx): Promise<CallTrack | null> {
    const rows = await tenantQuery<{ track: CallTrack }>(tx, orgId, `SELECT track FROM ticket_call_tracks WHERE organization_id = $1 AND call_id = $2 FOR UPDATE`, [callId]);
    return rows[0] ? { ...EMPTY_TRACK, ...rows[0].track } : null;
  }

  async save(orgId: OrgId, callId: string, track: CallTrack, at: Date, tx: Tx): Promise<void> {
    await tenantQuery(tx, orgId, `UPDATE ticket_call_tracks SET track = $3::jsonb, updated_at = $4 WHERE organization_id = $1 AND call_id = $2`, [callId, JSON.stringify(track), at]);
  }
}
