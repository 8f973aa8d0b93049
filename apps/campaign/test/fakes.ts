import { DomainError } from '@santral/contracts';
import type { OrgId, Page, PageRequest, Tx } from '@santral/persistence';
import { IdempotentCommands } from '@santral/service-kit';
import { FakeTransactions, keysetPageOf } from '@santral/testing';
import type { Agent } from '../src/agents/agent';
import { AgentEventsPort, AgentsPort } from '../src/agents/agents.port';
import type { CallList, Contact } from '../src/call-lists/call-list';
import { CallListsPort } from '../src/call-lists/call-lists.port';
import type { FileShape } from '../src/imports/file-records';
import type { ImportCounts, ImportJob, RejectedRow, StagedRow } from '../src/imports/import-job';
import { DncLookup, ImportFiles, ImportJobsPort, ImportSink, type ImportSession } from '../src/imports/imports.port';

export const ORG_A = '0190d000-0000-7000-8000-00000000000a' as OrgId;
export const ORG_B = '0190d000-0000-7000-8000-00000000000b' as OrgId;

/** Runs each command in the fake transaction; answers a repeated key with the first answer. */
export class InMemoryIdempotentCommands extends IdempotentCommands {
  readonly answers = new Map<string, unknown>();
  readonly transactions = new FakeTransactions();

  constructor() {
    super(new FakeTransactions());
  }

  override async run<T>(orgId: OrgId, command: string, key: string | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    const id = `${orgId}|${command}|${key}`;
    if (key !== undefined && this.answers.has(id)) return structuredClone(this.answers.get(id)) as T;
    const result = await this.transactions.run(work);
    if (key !== undefined) this.answers.set(id, structuredClone(result));
    return result;
  }
}

export class InMemoryAgents extends AgentsPort {
  readonly rows: Agent[] = [];
  readonly txs: Tx[] = [];

  async insert(agent: Agent, tx: Tx): Promise<void> {
    this.txs.push(tx);
    this.rows.push(structuredClone(agent));
  }
  async findForUpdate(orgId: OrgId, id: string, tx: Tx): Promise<Agent | null> {
    this.txs.push(tx);
    return this.find(orgId, id);
  }
  async update(agent: Agent, tx: Tx): Promise<void> {
    this.txs.push(tx);
    const i = this.rows.findIndex((r) => r.id === agent.id && r.organizationId === agent.organizationId);
    this.rows[i] = structuredClone(agent);
  }
  async find(orgId: OrgId, id: string): Promise<Agent | null> {
    const row = this.rows.find((r) => r.id === id && r.organizationId === orgId);
    return row ? structuredClone(row) : null;
  }
  async page(orgId: OrgId, page: PageRequest): Promise<Page<Agent>> {
    return keysetPageOf(this.rows.filter((r) => r.organizationId === orgId), page);
  }
  async delete(orgId: OrgId, id: string, tx: Tx): Promise<boolean> {
    this.txs.push(tx);
    const i = this.rows.findIndex((r) => r.id === id && r.organizationId === orgId);
    if (i < 0) return false;
    this.rows.splice(i, 1);
    return true;
  }
}

export class RecordingAgentEvents extends AgentEventsPort {
  readonly events: Array<{ type: 'created' | 'updated' | 'deleted'; agentId: string; complete?: boolean; tx: Tx }> = [];

  async created(agent: Agent, tx: Tx): Promise<void> {
    this.events.push({ type: 'created', agentId: agent.id, tx });
  }
  async updated(agent: Agent, tx: Tx): Promise<void> {
    this.events.push({ type: 'updated', agentId: agent.id, tx });
  }
  async deleted(_orgId: OrgId, agentId: string, tx: Tx): Promise<void> {
    this.events.push({ type: 'deleted', agentId, tx });
  }
}

export class InMemoryCallLists extends CallListsPort {
  readonly lists: Array<Omit<CallList, 'contactCount'>> = [];

  async insert(list: Omit<CallList, 'contactCount'>): Promise<void> {
    this.lists.push(list);
  }
  async find(orgId: OrgId, id: string): Promise<CallList | null> {
    const l = this.lists.find((x) => x.id === id && x.organizationId === orgId);
    return l ? { ...l, contactCount: 0 } : null;
  }
  async page(orgId: OrgId, page: PageRequest): Promise<Page<CallList>> {
    return keysetPageOf(this.lists.filter((l) => l.organizationId === orgId).map((l) => ({ ...l, contactCount: 0 })), page);
  }
  async contacts(): Promise<Page<Contact>> {
    return { items: [], nextCursor: null };
  }
}

/** Files by name, handed out in chunks of `chunkBytes`. */
export class InMemoryImportFiles extends ImportFiles {
  readonly files = new Map<string, Buffer>();
  readonly removed: string[] = [];

  constructor(private readonly chunkBytes = 7) {
    super();
  }
  async open(name: string): Promise<AsyncIterable<Uint8Array>> {
    const bytes = this.files.get(name);
    if (!bytes) throw new DomainError('IMPORT_FILE_UNREADABLE', `no file ${name}`);
    const size = this.chunkBytes;
    return (async function* () {
      for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
    })();
  }
  async remove(name: string): Promise<void> {
    this.removed.push(name);
  }
}

export class FakeDnc extends DncLookup {
  readonly asked: string[][] = [];
  failing = false;

  constructor(private readonly listedNumbers: readonly string[] = []) {
    super();
  }
  async listed(_orgId: OrgId, e164: string[]): Promise<Set<string>> {
    if (this.failing) throw new DomainError('SERVICE_UNAVAILABLE', 'dialer down');
    this.asked.push(e164);
    return new Set(e164.filter((n) => this.listedNumbers.includes(n)));
  }
}

export class InMemoryImportJobs extends ImportJobsPort {
  readonly jobs = new Map<string, ImportJob>();
  readonly rejections = new Map<string, RejectedRow[]>();

  async insert(job: ImportJob): Promise<void> {
    this.jobs.set(job.id, { ...job });
  }
  async find(orgId: OrgId, id: string): Promise<ImportJob | null> {
    const job = this.jobs.get(id);
    return job && job.organizationId === orgId ? { ...job } : null;
  }
  async claim(_orgId: OrgId, id: string): Promise<boolean> {
    const job = this.jobs.get(id)!;
    if (job.state !== 'queued' && job.state !== 'failed') return false;
    job.state = 'running';
    return true;
  }
  /** Every unfinished job (the fake keeps no heartbeat: staleness is the repository's, tested on Postgres). */
  async orphaned(limit: number): Promise<ImportJob[]> {
    return [...this.jobs.values()].filter((j) => j.state === 'queued' || j.state === 'running').slice(0, limit).map((j) => ({ ...j }));
  }
  async opened(_orgId: OrgId, id: string, shape: FileShape): Promise<void> {
    Object.assign(this.jobs.get(id)!, { format: shape.format, encoding: shape.encoding, delimiter: shape.delimiter });
  }
  async progress(_orgId: OrgId, id: string, rowsRead: number): Promise<void> {
    this.jobs.get(id)!.rowsRead = rowsRead;
  }
  async fail(_orgId: OrgId, id: string, code: string, message: string, rowsRead: number): Promise<void> {
    if (this.jobs.get(id)!.state !== 'running') return;
    Object.assign(this.jobs.get(id)!, { state: 'failed', errorCode: code, errorMessage: message, rowsRead });
  }
  async rejectedRows(_orgId: OrgId, id: string, afterLine: number, limit: number): Promise<RejectedRow[]> {
    return (this.rejections.get(id) ?? []).filter((r) => r.line > afterLine).slice(0, limit);
  }
}

/** Stages rows in memory; commit applies the same duplicate rules as the SQL, abort drops everything. */
export class InMemoryImportSink extends ImportSink {
  readonly contacts: Array<StagedRow & { callListId: string }> = [];
  aborted = 0;

  constructor(private readonly jobs: InMemoryImportJobs) {
    super();
  }

  async begin(_orgId: OrgId, callListId: string, importId: string): Promise<ImportSession> {
    const staged: StagedRow[] = [];
    const before = new Set(this.contacts.filter((c) => c.callListId === callListId).map((c) => c.phone!));
    return {
      inList: async (numbers) => new Set(numbers.filter((n) => before.has(n))),
      write: async (rows) => void staged.push(...rows.map((r) => ({ ...r }))),
      abort: async () => void this.aborted++,
      commit: async (counts: ImportCounts) => {
        this.contacts.push(...staged.filter((r) => r.code === null).map((r) => ({ ...r, callListId })));
        this.jobs.rejections.set(importId, staged.filter((r) => r.code !== null).map((r) => ({ line: r.line, code: r.code!, reason: r.reason!, raw: r.raw })));
        Object.assign(this.jobs.jobs.get(importId)!, { state: 'completed', ...counts });
      },
    };
  }
}
