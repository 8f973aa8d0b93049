import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

export interface SimWebhookTarget {
  webhookUrl: string;
  signingSecret: string;
}

/**
 * Posts Standard-Webhooks signed events like a cloud provider: at-least-once, with a
 * few retries and backoff on failure (so the receiver sees the odd duplicate).
 */
export class SimWebhookSender {
  private readonly signers = new Map<string, Webhook>();
  delivered = 0;
  failed = 0;

  private stopped = false;

  constructor(private readonly retries = 3) {}

  /** A stopped simulator sends nothing more: queued and retried webhooks are dropped, as a provider that went away. */
  stop(): void {
    this.stopped = true;
  }

  async send(target: SimWebhookTarget, type: string, body: Record<string, unknown>): Promise<void> {
    const id = `evt_${randomUUID()}`;
    const payload = JSON.stringify({ id, type, ...body });
    let signer = this.signers.get(target.signingSecret);
    if (!signer) {
      signer = new Webhook(target.signingSecret);
      this.signers.set(target.signingSecret, signer);
    }
    const url = `${target.webhookUrl}/${type}`;
    for (let attempt = 0; attempt <= this.retries; attempt++) {
      if (this.stopped) return;
      const now = new Date();
      const headers = {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signer.sign(id, now, payload),
      };
      try {
        const res = await fetch(url, { method: 'POST', headers, body: payload, signal: AbortSignal.timeout(5000) });
        await res.arrayBuffer();
        if (res.ok) {
          this.delivered++;
          return;
        }
        if (res.status >= 400 && res.status < 500 && res.status !== 429) break; // the receiver refuses it: do not insist
      } catch {
        /* retry */
      }
      await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
    }
    this.failed++;
  }
}
