import { RANK_SQL } from './call-lifecycle.sql';

/**
 * The whole ingest of a batch as ONE statement (atomic on its own, one round trip):
 *   rec    receipts with their dedupe keys; RETURNING = the fresh ones
 *   known  fresh or not, each webhook whose call exists already: is it another organization's
 *          (an echoed call id must be the account's organization's), was it first seen before
 *          the receipt retention (see `out`)
 *   attach fresh webhooks whose call is not another organization's: only these attach refs and facts
 *   refs   provider call/leg ids, only for attached webhooks
 *   calls  one row per call touched by a fresh webhook: first sight, state moves forward,
 *          the end once (ended_by = this statement's token)
 *   out    outbox rows of attached webhooks; `ended` only where this statement ended the call,
 *          first-sight facts only where this statement inserted the call row; none for a call of
 *          another organization; and a repeatable fact ('always': answered, recording, transcript,
 *          legs …) of a call first seen more than WEBHOOK_RETENTION_DAYS ago is a late fact: its
 *          receipt is stored, but it is not published, since the receipts that would tell a
 *          replay from a new fact may have been pruned by now (within the retention, the dedupe
 *          keys do that exactly)
 * Data-modifying CTEs see each other only through RETURNING, which is all this needs.
 * `known` probes the primary key once per webhook (LATERAL … LIMIT 1 is never flattened into a hash
 * join, which on a table without fresh statistics became a scan of every call).
 * The outbox tests are hashed subplans inside the OR (never pulled up into joins): with more filters
 * on `e`, the planner's row estimate dropped enough to turn a semi join on the fresh keys into a
 * nested loop, quadratic in the batch size. Every other test against `rec` is a hash semi join on
 * the fresh keys ($7 pairs each key with the calls it folds into): a per-row scan of `rec`
 * (`x.ks ? rec.k`) made the statement quadratic in the batch size, so Postgres cost per webhook
 * grew exactly when a backlog grew the batches.
 * Rows travel as JSON ($1–$4, $7, $9: one JSON.stringify per batch instead of escaping arrays).
 * The outbox columns are libs/messaging's (id, subject, envelope); see README.
 */
export const INGEST_BATCH_SQL = `
WITH rec AS (
  INSERT INTO webhook_receipts (provider_account_id, dedupe_key, organization_id, event, payload)
  SELECT x.a, x.k, x.o, x.e, x.p FROM json_to_recordset($1::json) AS x(a uuid, k text, o uuid, e text, p text)
  ON CONFLICT DO NOTHING
  RETURNING provider_account_id::text || '|' || dedupe_key AS k
), known AS (
  SELECT x.k, t.other_org, t.stale FROM json_to_recordset($9::json) AS x(k text, c uuid, o uuid)
   CROSS JOIN LATERAL (SELECT organization_id <> x.o AS other_org, created_at < now() - make_interval(days => $8::int) AS stale
                         FROM telephony_calls WHERE call_id = x.c LIMIT 1) AS t
), attach AS (
  SELECT k FROM rec EXCEPT SELECT k FROM known WHERE other_org
), refs AS (
  INSERT INTO provider_call_refs (provider_account_id, provider_ref, ref_kind, call_id, organization_id)
  SELECT x.a, x.r, x.t, x.c, x.o FROM json_to_recordset($2::json) AS x(a uuid, r text, t text, c uuid, o uuid, k text)
   WHERE x.k IN (SELECT k FROM attach)
  ON CONFLICT DO NOTHING
), calls AS (
  INSERT INTO telephony_calls AS c (call_id, organization_id, provider_account_id, provider, direction, state, provider_call_id,
                                    from_number, to_number, deadline_at, ended_at, end_reason, ended_by)
  SELECT x.id, x.o, x.a, x.p, x.d, CASE WHEN x.r IS NULL THEN x.s ELSE 'ended' END, x.pc, x.fr, x.t,
         CASE WHEN x.s = 'answered' THEN now() + make_interval(secs => $6::int) ELSE now() + interval '2 hours' END,
         CASE WHEN x.r IS NULL THEN NULL ELSE now() END, x.r, CASE WHEN x.r IS NULL THEN NULL ELSE $5::uuid END
    FROM json_to_recordset($3::json) AS x(id uuid, o uuid, a uuid, p text, d text, s text, pc text, fr text, t text, r jsonb)
   WHERE x.id IN (SELECT kc.c FROM json_to_recordset($7::json) AS kc(k text, c uuid) WHERE kc.k IN (SELECT k FROM rec))
  ON CONFLICT (call_id) DO UPDATE SET
    state = CASE WHEN c.ended_at IS NOT NULL THEN c.state
                 WHEN EXCLUDED.end_reason IS NOT NULL THEN 'ended'
                 WHEN ${RANK_SQL('EXCLUDED.state')} > ${RANK_SQL('c.state')} THEN EXCLUDED.state ELSE c.state END,
    deadline_at = CASE WHEN c.ended_at IS NULL AND EXCLUDED.state = 'answered' AND ${RANK_SQL('c.state')} < 3
                       THEN now() + make_interval(secs => coalesce(c.max_duration_seconds, $6::int) + 60) ELSE c.deadline_at END,
    ended_at = CASE WHEN c.ended_at IS NULL AND EXCLUDED.end_reason IS NOT NULL THEN now() ELSE c.ended_at END,
    end_reason = CASE WHEN c.ended_at IS NULL AND EXCLUDED.end_reason IS NOT NULL THEN EXCLUDED.end_reason ELSE c.end_reason END,
    ended_by = CASE WHEN c.ended_at IS NULL AND EXCLUDED.end_reason IS NOT NULL THEN $5::uuid ELSE c.ended_by END,
    last_fact_at = now()
  WHERE c.organization_id = EXCLUDED.organization_id
  RETURNING call_id, (xmax = 0) AS inserted, (ended_by IS NOT DISTINCT FROM $5::uuid) AS ended_now
), out AS (
  INSERT INTO outbox (id, subject, envelope)
  SELECT e.id, e.s, e.env FROM json_to_recordset($4::json) AS e(id uuid, s text, env json, k text, c uuid, g text)
   WHERE (e.g = 'always' AND e.k IN (SELECT k FROM attach) AND e.k NOT IN (SELECT k FROM known WHERE stale))
      OR (e.g = 'end' AND e.k IN (SELECT k FROM attach) AND e.c IN (SELECT call_id FROM calls WHERE ended_now))
      OR (e.g = 'first' AND e.k IN (SELECT k FROM attach) AND e.c IN (SELECT call_id FROM calls WHERE inserted))
  RETURNING id
)
SELECT k, (SELECT count(*) FROM out)::int AS published, k NOT IN (SELECT k FROM attach) AS detached FROM rec`;
