import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { rowsOf, tenantQuery, type OrgId, type Tx } from '@santral/persistence';
import { PAYMENT_PROVIDER, type PaymentProviderName } from './payment-provider.token';

export interface Payment {
  id: string;
  organizationId: string;
  provider: PaymentProviderName;
  purpose: 'top_up' | 'auto_recharge';
  amount: number;
  currency: string;
  state: 'requested' | 'charging' | 'pending' | 'succeeded' | 'failed';
  providerReference: string | null;
  clientSecret: string | null;
  failure: string | null;
}

type PaymentRow = Record<string, string | null>;
const COLUMNS = 'id, organization_id, provider, purpose, amount, currency, state, provider_reference, client_secret, failure';

function paymentOf(r: PaymentRow): Payment {
  return {
    id: r.id!,
    organizationId: r.organization_id!,
    provider: r.provider as Payment['provider'],
    purpose: r.purpose as Payment['purpose'],
    amount: Number(r.amount),
    currency: r.currency!,
    state: r.state as Payment['state'],
    providerReference: r.provider_reference,
    clientSecret: r.client_secret,
    failure: r.failure,
  };
}

/** Payments (top-ups and auto-recharges) and their provider outcome; credited once, by the ledger key. */
@Injectable()
export class PaymentsRepository {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProviderName,
  ) {}

  async create(
    orgId: OrgId,
    p: { purpose: Payment['purpose']; amount: number; currency: string; state: Payment['state']; key: string; provider?: PaymentProviderName },
    tx: Tx,
  ): Promise<Payment> {
    const [row] = await tenantQuery<PaymentRow>(
      tx,
      orgId,
      `INSERT INTO payments (id, organization_id, provider, purpose, amount, currency, state, idempotency_key)
       VALUES ($2, $1, $3, $4, $5, $6, $7, $8) RETURNING ${COLUMNS}`,
      [uuidv7(), p.provider ?? this.provider, p.purpose, p.amount, p.currency, p.state, p.key],
    );
    return paymentOf(row!);
  }

  /** The crossing's auto-recharge, picked up by the payment worker of any replica. */
  async requestAutoRecharge(orgId: OrgId, amount: number, tx: Tx): Promise<void> {
    const [plan] = await tenantQuery<{ currency: string }>(tx, orgId, `SELECT plan->>'currency' AS currency FROM price_plans WHERE organization_id = $1`);
    await this.create(orgId, { purpose: 'auto_recharge', amount, currency: plan?.currency ?? 'USD', state: 'requested', key: `auto:${uuidv7()}` }, tx);
  }

  async get(orgId: OrgId, id: string): Promise<Payment | null> {
    const [row] = await tenantQuery<PaymentRow>(this.db, orgId, `SELECT ${COLUMNS} FROM payments WHERE organization_id = $1 AND id = $2`, [id]);
    return row ? paymentOf(row) : null;
  }

  async lock(orgId: OrgId, id: string, tx: Tx): Promise<Payment | null> {
    const [row] = await tenantQuery<PaymentRow>(tx, orgId, `SELECT ${COLUMNS} FROM payments WHERE organization_id = $1 AND id = $2 FOR UPDATE`, [id]);
    return row ? paymentOf(row) : null;
  }

  async record(orgId: OrgId, id: string, outcome: { state: Payment['state']; reference?: string; clientSecret?: string; failure?: string }, tx: Tx): Promise<void> {
    await tenantQuery(
      tx,
      orgId,
      `UPDATE payments SET state = $3, provider_reference = COALESCE($4, provider_reference), client_secret = COALESCE($5, client_secret),
              failure = $6, updated_at = clock_timestamp() WHERE organization_id = $1 AND id = $2`,
      [id, outcome.state, outcome.reference ?? null, outcome.clientSecret ?? null, outcome.failure ?? null],
    );
  }

  /**
   * Claims due auto-recharges across organizations (the worker's one cross-organization read):
   * requested ones, and charging ones whose claim is older than `staleMs` (a replica died mid-charge;
   * the provider's idempotency key makes the retry the same charge). SKIP LOCKED: one replica each.
   */
  async claimDueAcrossOrganizations(limit: number, staleMs: number): Promise<Payment[]> {
    const rows: unknown = await this.db.query(
      `UPDATE payments SET state = 'charging', attempted_at = clock_timestamp()
        WHERE id IN (SELECT id FROM payments
                      WHERE state = 'requested' OR (state = 'charging' AND attempted_at < clock_timestamp() - $2 * interval '1 millisecond')
                      ORDER BY created_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        RETURNING ${COLUMNS}`,
      [limit, staleMs],
    );
    return rowsOf<PaymentRow>(rows).map(paymentOf);
  }

  /** The payment a provider's webhook names (the webhook's one cross-organization read: its reference names the organization). */
  async findByReferenceAcrossOrganizations(reference: string): Promise<Payment | null> {
    const rows: PaymentRow[] = await this.db.query(`SELECT ${COLUMNS} FROM payments WHERE provider = $1 AND provider_reference = $2`, [this.provider, reference]);
    return rows[0] ? paymentOf(rows[0]) : null;
  }

  async findByIdAcrossOrganizations(id: string): Promise<Payment | null> {
    const rows: PaymentRow[] = await this.db.query(`SELECT ${COLUMNS} FROM payments WHERE id = $1`, [id]);
    return rows[0] ? paymentOf(rows[0]) : null;
  }
}
