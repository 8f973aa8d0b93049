import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Parser } from '@asyncapi/parser';
import { ASYNCAPI_FILE, MESSAGES, STATUS_EXTENSION, buildAsyncApiDocument, channelIdOf, renderAsyncApiDocument } from './index';

const ERROR = 0; // DiagnosticSeverity.Error

async function errorsOf(document: unknown): Promise<string[]> {
  const diagnostics = await new Parser().validate(document as Parameters<Parser['validate']>[0]);
  return diagnostics.filter((d) => d.severity === ERROR).map((d) => `${d.code} ${d.path.join('.')}: ${d.message}`);
}

describe('AsyncAPI catalog', () => {
  const document = buildAsyncApiDocument() as Record<string, any>;

  it('is a valid AsyncAPI 3.0.0 document', async () => {
    expect(document.asyncapi).toBe('3.0.0');
    await expect(errorsOf(document)).resolves.toEqual([]);
  });

  it('is rejected by the parser when broken (the check can fail)', async () => {
    const broken = structuredClone(document);
    const [firstOperation] = Object.values(broken.operations) as Array<Record<string, unknown>>;
    firstOperation.channel = { $ref: '#/channels/doesNotExist' };
    await expect(errorsOf(broken)).resolves.not.toEqual([]);
  });

  it('has a channel per subject with its address, and operations for producers and consumers', () => {
    for (const message of MESSAGES) {
      const id = channelIdOf(message.subject);
      expect(document.channels[id].address).toBe(message.subject);
      for (const producer of message.producers) {
        expect(Object.values(document.operations)).toContainEqual(
          expect.objectContaining({ action: 'send', channel: { $ref: `#/channels/${id}` }, tags: [{ name: producer }] }),
        );
      }
      for (const consumer of message.consumers) {
        expect(Object.values(document.operations)).toContainEqual(
          expect.objectContaining({ action: 'receive', channel: { $ref: `#/channels/${id}` }, tags: [{ name: consumer }] }),
        );
      }
    }
  });

  it('marks every channel and message stable or draft, as the registry says', () => {
    for (const message of MESSAGES) {
      const id = channelIdOf(message.subject);
      const marked = [document.channels[id], document.components.messages[id]];
      if (message.transport === 'request-reply') marked.push(document.channels[`${id}Reply`], document.components.messages[`${id}Reply`]);
      for (const part of marked) expect({ subject: message.subject, status: part[STATUS_EXTENSION] }).toEqual({ subject: message.subject, status: message.status });
    }
    expect(document.channels.telephonyCallEndedV1[STATUS_EXTENSION]).toBe('stable');
    expect(document.channels.telephonyCallOriginateV1[STATUS_EXTENSION]).toBe('stable'); // the dialer sends it now
    expect(document.channels.telephonyCallTransferV1[STATUS_EXTENSION]).toBe('stable'); // the dialer sends it for POST /v1/calls/{id}/transfer
    expect(document.channels.campaignAgentCreatedV1[STATUS_EXTENSION]).toBe('stable'); // the campaign service publishes it
    expect(document.components.messages.rpcBillingBalanceGetReply[STATUS_EXTENSION]).toBe('stable'); // billing answers it (issue 12); the campaign service asks it at start (D3)
  });

  it('wraps JetStream payloads in the CloudEvents envelope with data = the payload schema', () => {
    const message = document.components.messages.telephonyCallEndedV1;
    expect(message.payload.allOf[0]).toEqual({ $ref: '#/components/schemas/EventEnvelope' });
    expect(message.payload.allOf[1].properties).toMatchObject({
      type: { const: 'telephony.call.ended.v1' },
      data: { $ref: '#/components/schemas/TelephonyCallEndedV1' },
    });
    expect(document.components.schemas.TelephonyCallEndedV1.required).toContain('endReason');
  });

  it('is checked in up to date (run `npm run asyncapi` after changing contracts)', () => {
    const checkedIn = readFileSync(resolve(__dirname, '../../..', ASYNCAPI_FILE), 'utf8');
    expect(checkedIn === renderAsyncApiDocument()).toBe(true);
  });
});
