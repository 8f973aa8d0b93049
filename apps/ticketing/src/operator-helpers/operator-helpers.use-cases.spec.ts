import { IdempotentCommands } from '@santral/service-kit';
import { FakeClock, FakeTransactions } from '@santral/testing';
import { DomainError } from '@santral/contracts';
import { asOrgId, type OrgId, type Tx } from '@santral/persistence';
import { CreateNoteTemplateUseCase } from './create-note-template.use-case';
import { DeleteNoteTemplateUseCase } from './delete-note-template.use-case';
import { GetNoteTemplateUseCase } from './get-note-template.use-case';
import { ListNoteTemplatesUseCase } from './list-note-templates.use-case';
import { ListQualitySamplesUseCase } from './list-quality-samples.use-case';
import type { NoteTemplate } from './note-template';
import { NoteTemplatesPort, OrganizationTimeZone, QualitySampleReader, type SampledCall } from './operator-helpers.port';
import { UpdateNoteTemplateUseCase } from './update-note-template.use-case';

const ORG_A = asOrgId('0190a000-0000-7000-8000-00000000000a');
const ORG_B = asOrgId('0190b000-0000-7000-8000-00000000000b');
const OP = '0190c000-0000-7000-8000-00000000000c';

class Commands extends IdempotentCommands {
  readonly transactions = new FakeTransactions();
  constructor() {
    super(new FakeTransactions());
  }
  override run<T>(_orgId: OrgId, _command: string, _key: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.transactions.run(work);
  }
}

class InMemoryTemplates extends NoteTemplatesPort {
  rows: NoteTemplate[] = [];
  readonly txs: Tx[] = [];
  private taken(t: NoteTemplate) {
    return this.rows.some((r) => r.organizationId === t.organizationId && r.id !== t.id && r.name.toLowerCase() === t.name.toLowerCase());
  }
  async insert(t: NoteTemplate, tx: Tx) {
    this.txs.push(tx);
    if (this.taken(t)) return false;
    this.rows.push(structuredClone(t));
    return true;
  }
  async update(t: NoteTemplate, tx: Tx) {
    this.txs.push(tx);
    if (this.taken(t)) return false;
    this.rows = this.rows.map((r) => (r.organizationId === t.organizationId && r.id === t.id ? structuredClone(t) : r));
    return true;
  }
  async findForUpdate(orgId: OrgId, id: string, tx: Tx) {
    this.txs.push(tx);
    return this.find(orgId, id);
  }
  async find(orgId: OrgId, id: string) {
    const row = this.rows.find((r) => r.organizationId === orgId && r.id === id);
    return row ? structuredClone(row) : null;
  }
  async list(orgId: OrgId, category: string | null) {
    return this.rows.filter((r) => r.organizationId === orgId && (category === null || r.category === category)).sort((a, b) => a.name.localeCompare(b.name));
  }
  async remove(orgId: OrgId, id: string, tx: Tx) {
    this.txs.push(tx);
    this.rows = this.rows.filter((r) => !(r.organizationId === orgId && r.id === id));
  }
}

const code = (p: Promise<unknown>) => p.then(() => 'ok', (e: unknown) => (e instanceof DomainError ? e.code : String(e)));
const fieldsOf = (p: Promise<unknown>) => p.then(() => [], (e: unknown) => ((e as DomainError).extra.errors as Array<{ field: string }> | undefined)?.map((x) => x.field) ?? []);

describe('note templates', () => {
  function build() {
    const templates = new InMemoryTemplates();
    const commands = new Commands();
    const transactions = new FakeTransactions();
    const clock = new FakeClock();
    return {
      templates, commands, transactions, clock,
      create: new CreateNoteTemplateUseCase(templates, commands, clock),
      update: new UpdateNoteTemplateUseCase(templates, transactions, clock),
      get: new GetNoteTemplateUseCase(templates),
      list: new ListNoteTemplatesUseCase(templates),
      remove: new DeleteNoteTemplateUseCase(templates, transactions),
    };
  }

  it('creates with trimmed fields and deduplicated tags, inside the command transaction', async () => {
    const s = build();
    const t = await s.create.execute({ organizationId: ORG_A, name: '  Teslimat günü değişti ', body: 'Yeni gün: ', tags: ['a', 'a', ' b '], subject: ' Teslimat ' });
    expect(t).toMatchObject({ organizationId: ORG_A, name: 'Teslimat günü değişti', body: 'Yeni gün: ', tags: ['a', 'b'], subject: 'Teslimat', createdAt: s.clock.now().toISOString() });
    expect(t.category).toBeUndefined();
    expect(s.templates.txs).toEqual([s.commands.transactions.tx]);
  });

  it('refuses a missing or blank name or body, naming the field', async () => {
    const s = build();
    await expect(fieldsOf(s.create.execute({ organizationId: ORG_A, body: 'x' }))).resolves.toEqual(['name']);
    await expect(fieldsOf(s.create.execute({ organizationId: ORG_A }))).resolves.toEqual(['name', 'body']);
    await expect(fieldsOf(s.create.execute({ organizationId: ORG_A, name: ' ', body: 'x' }))).resolves.toEqual(['name']);
    await expect(fieldsOf(s.create.execute({ organizationId: ORG_A, name: 'n', body: '  ' }))).resolves.toEqual(['body']);
    expect(s.templates.rows).toEqual([]);
  });

  it('a name the organization uses (any case) is NOTE_TEMPLATE_NAME_TAKEN on create and rename; another organization may use it', async () => {
    const s = build();
    await s.create.execute({ organizationId: ORG_A, name: 'İade', body: 'x' });
    const other = await s.create.execute({ organizationId: ORG_A, name: 'Değişim', body: 'y' });
    await expect(code(s.create.execute({ organizationId: ORG_A, name: 'İADE', body: 'z' }))).resolves.toBe('NOTE_TEMPLATE_NAME_TAKEN');
    await expect(code(s.update.execute({ organizationId: ORG_A, templateId: other.templateId, name: 'İADE' }))).resolves.toBe('NOTE_TEMPLATE_NAME_TAKEN');
    await expect(code(s.create.execute({ organizationId: ORG_B, name: 'İade', body: 'x' }))).resolves.toBe('ok');
  });

  it('update changes only the given fields, null clears; nothing to change is refused', async () => {
    const s = build();
    const t = await s.create.execute({ organizationId: ORG_A, name: 'n', body: 'b', category: 'c', subject: 's' });
    s.clock.current = new Date('2026-02-01T00:00:00.000Z');
    const u = await s.update.execute({ organizationId: ORG_A, templateId: t.templateId, category: null, body: 'b2' });
    expect(u).toMatchObject({ name: 'n', body: 'b2', subject: 's', updatedAt: '2026-02-01T00:00:00.000Z', createdAt: t.createdAt });
    expect(u.category).toBeUndefined();
    expect(s.templates.txs.at(-1)).toBe(s.transactions.tx);
    await expect(code(s.update.execute({ organizationId: ORG_A, templateId: t.templateId }))).resolves.toBe('VALIDATION_FAILED');
  });

  it("another organization's template is NOT_FOUND on get, update and delete", async () => {
    const s = build();
    const t = await s.create.execute({ organizationId: ORG_A, name: 'n', body: 'b' });
    await expect(code(s.get.execute({ organizationId: ORG_B, templateId: t.templateId }))).resolves.toBe('NOTE_TEMPLATE_NOT_FOUND');
    await expect(code(s.update.execute({ organizationId: ORG_B, templateId: t.templateId, body: 'x' }))).resolves.toBe('NOTE_TEMPLATE_NOT_FOUND');
    await expect(code(s.remove.execute({ organizationId: ORG_B, templateId: t.templateId }))).resolves.toBe('NOTE_TEMPLATE_NOT_FOUND');
    await expect(s.list.execute({ organizationId: ORG_B })).resolves.toEqual({ items: [] });
    await expect(s.remove.execute({ organizationId: ORG_A, templateId: t.templateId.toUpperCase() })).resolves.toMatchObject({ templateId: t.templateId });
    await expect(s.list.execute({ organizationId: ORG_A })).resolves.toEqual({ items: [] });
  });
});

describe('quality samples', () => {
  class FakeReader extends QualitySampleReader {
    readonly asked: Array<{ from: Date; to: Date; perOperator: number; seed: string }> = [];
    constructor(private readonly calls: SampledCall[] = []) {
      super();
    }
    async sample(_orgId: OrgId, period: { from: Date; to: Date }, perOperator: number, seed: string) {
      this.asked.push({ ...period, perOperator, seed });
      return this.calls;
    }
  }
  class FakeZone extends OrganizationTimeZone {
    constructor(private readonly zone: string | null) {
      super();
    }
    async of() {
      return this.zone;
    }
  }
  const call = (callId: string, extra: Partial<SampledCall> = {}): SampledCall => ({
    operatorUserId: OP, callId, ticketId: null, startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:01:00.000Z', talkSeconds: 60, recordingUrl: null, callCount: 2, ...extra,
  });

  it('groups the calls by operator; ticket and recording only when known', async () => {
    const reader = new FakeReader([call('c1', { ticketId: 't1', recordingUrl: 'https://r/1' }), call('c2')]);
    const useCase = new ListQualitySamplesUseCase(reader, new FakeZone('UTC'), new FakeClock());
    const reply = await useCase.execute({ organizationId: ORG_A, from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', perOperator: 5 });
    expect(reply).toEqual({
      from: '2026-01-01T00:00:00.000Z', to: '2026-01-02T00:00:00.000Z', perOperator: 5,
      operators: [{ operatorUserId: OP, callCount: 2, calls: [
        { callId: 'c1', ticketId: 't1', startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:01:00.000Z', talkSeconds: 60, recordingUrl: 'https://r/1' },
        { callId: 'c2', startedAt: '2026-01-01T10:00:00.000Z', endedAt: '2026-01-01T10:01:00.000Z', talkSeconds: 60 },
      ] }],
    });
    expect(reader.asked[0]!.seed).toBe('2026-01-01T00:00:00.000Z/2026-01-02T00:00:00.000Z');
  });

  it("defaults: 3 per operator over the previous full day in the organization's zone (UTC when unknown)", async () => {
    const clock = new FakeClock(new Date('2026-03-10T22:30:00.000Z')); // already 11 March in Istanbul (+03)
    const reader = new FakeReader();
    await new ListQualitySamplesUseCase(reader, new FakeZone('Europe/Istanbul'), clock).execute({ organizationId: ORG_A });
    await new ListQualitySamplesUseCase(reader, new FakeZone(null), clock).execute({ organizationId: ORG_A });
    expect(reader.asked.map((a) => [a.from.toISOString(), a.to.toISOString(), a.perOperator])).toEqual([
      ['2026-03-09T21:00:00.000Z', '2026-03-10T21:00:00.000Z', 3],
      ['2026-03-09T00:00:00.000Z', '2026-03-10T00:00:00.000Z', 3],
    ]);
  });

  it.each([
    [{ from: '2026-01-01T00:00:00Z' }, 'to'],
    [{ to: '2026-01-01T00:00:00Z' }, 'from'],
    [{ from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
    [{ from: '2026-01-01T00:00:00Z', to: '2026-03-01T00:00:00Z' }, 'to'],
  ])('refuses the period %j naming %s', async (period, field) => {
    const reader = new FakeReader();
    const useCase = new ListQualitySamplesUseCase(reader, new FakeZone('UTC'), new FakeClock());
    await expect(fieldsOf(useCase.execute({ organizationId: ORG_A, ...period }))).resolves.toEqual([field]);
    expect(reader.asked).toEqual([]);
  });
});
