import iconv from 'iconv-lite';
import { FakeDnc, InMemoryCallLists, InMemoryImportFiles, InMemoryImportJobs, InMemoryImportSink, ORG_A } from '../../test/fakes';
import type { ImportJob } from './import-job';
import { InlinePhoneNormalizer } from './normalize-pool';
import { RunImportUseCase } from './run-import.use-case';

const LIST = '0190d000-0000-7000-8000-0000000000c1';

describe('running an import', () => {
  const setup = (maxRows = 1000) => {
    const jobs = new InMemoryImportJobs();
    const lists = new InMemoryCallLists();
    const files = new InMemoryImportFiles();
    const sink = new InMemoryImportSink(jobs);
    const dnc = new FakeDnc(['+905320000007']);
    void lists.insert({ id: LIST, organizationId: ORG_A, name: 'L', country: 'TR', createdAt: new Date() });
    const run = new RunImportUseCase(jobs, lists, files, sink, dnc, new InlinePhoneNormalizer(), { maxRows, xlsxMaxInflatedBytes: 1 << 20, heartbeatMs: 50 });
    const job = (name: string, bytes: Buffer | string, mapping: ImportJob['mapping'] = null): ImportJob => {
      files.files.set(name, Buffer.from(bytes));
      const j: ImportJob = {
        id: `0190d000-0000-7000-8000-${String(jobs.jobs.size + 1).padStart(12, '0')}`, organizationId: ORG_A, callListId: LIST, objectName: name, fileName: `${name}.csv`, mapping,
        state: 'queued', format: null, encoding: null, delimiter: null, rowsRead: 0, accepted: 0, rejected: 0, duplicates: 0, onDnc: 0, errorCode: null, errorMessage: null, createdAt: new Date(), finishedAt: null,
      };
      void jobs.insert(j);
      return j;
    };
    return { jobs, files, sink, dnc, run, job };
  };

  it('normalizes, flags DNC, rejects duplicates whatever their form, and completes with the counts', async () => {
    const { run, job, jobs, sink, files } = setup();
    const j = job('a', iconv.encode('Ad;Telefon\nAyşe;0555 123 45 67\nAli;+90 555 123 45 67\nVeli;05320000007\nX;12\n', 'windows-1254'));
    await run.execute(j);
    expect(jobs.jobs.get(j.id)).toMatchObject({ state: 'completed', encoding: 'windows-1254', delimiter: ';', rowsRead: 4, accepted: 2, rejected: 2, duplicates: 1, onDnc: 1 });
    expect(sink.contacts.map((c) => [c.line, c.phone, c.name, c.onDnc])).toEqual([[2, '+905551234567', 'Ayşe', false], [4, '+905320000007', 'Veli', true]]);
    expect(files.removed).toEqual(['a']);
  });

  it('fails the whole job when the dialer cannot be asked, mid-file: the session is aborted and nothing is stored', async () => {
    const { run, job, jobs, sink, dnc } = setup();
    dnc.failing = true;
    const j = job('b', 'phone\n05551234567\n');
    await run.execute(j);
    expect(jobs.jobs.get(j.id)).toMatchObject({ state: 'failed', errorCode: 'SERVICE_UNAVAILABLE', accepted: 0 });
    expect(sink.contacts).toEqual([]);
    expect(sink.aborted).toBe(1);
  });

  it('fails past the row limit with IMPORT_FILE_TOO_LARGE after rows were staged, storing none of them', async () => {
    const { run, job, jobs, sink } = setup(3);
    const j = job('c', `phone\n${['05551234561', '05551234562', '05551234563', '05551234564'].join('\n')}\n`);
    await run.execute(j);
    expect(jobs.jobs.get(j.id)).toMatchObject({ state: 'failed', errorCode: 'IMPORT_FILE_TOO_LARGE' });
    expect(sink.contacts).toEqual([]);
  });

  it('fails without a phone column, and runs a job only once (a second run of a completed job does nothing)', async () => {
    const { run, job, jobs, sink } = setup();
    const j = job('d', 'ad\nAyşe\n');
    await run.execute(j);
    expect(jobs.jobs.get(j.id)).toMatchObject({ state: 'failed', errorCode: 'IMPORT_NO_PHONE_COLUMN' });
    const ok = job('e', 'gsm\n05551234567\n');
    await run.execute(ok);
    await run.execute(ok);
    expect(sink.contacts).toHaveLength(1);
  });

  it('may run a failed job again once its cause is gone', async () => {
    const { run, job, jobs, sink, dnc } = setup();
    dnc.failing = true;
    const j = job('f', 'phone\n05551234567\n');
    await run.execute(j);
    dnc.failing = false;
    await run.execute(j);
    expect(jobs.jobs.get(j.id)).toMatchObject({ state: 'completed', accepted: 1 });
    expect(sink.contacts).toHaveLength(1);
  });
});
