import { randomUUID } from 'node:crypto';
import { asOrgId, TypeOrmTransactionRunner } from '@santral/persistence';
import { createTestDatabase, type TestDatabase } from '@santral/testing';
import { CommandResults1764300000000 } from '../src/idempotent-commands/command-results.migration';
import { CommandResultsPruner } from '../src/idempotent-commands/command-results.pruner';
import { IdempotentCommands } from '../src/idempotent-commands/idempotent-commands';

// Issue 9 item 3, the owning service's half: a command applied once per idempotency key.
describe('IdempotentCommands over real Postgres', () => {
  let db: TestDatabase;
  let commands: IdempotentCommands;
  const org = asOrgId(randomUUID());

  beforeAll(async () => {
    db = await createTestDatabase({ prefix: 'kit_cmds', entities: [], migrations: [CommandResults1764300000000] });
    commands = new IdempotentCommands(new TypeOrmTransactionRunner(db.dataSource));
  });

  afterAll(() => db?.cleanup());

  it('applies a keyed command once, also for concurrent duplicates, and answers each with the first result', async () => {
    let runs = 0;
    const work = async () => {
      runs++;
      await new Promise((r) => setTimeout(r, 50));
      return { id: `account-${runs}` };
    };
    const answers = await Promise.all(Array.from({ length: 5 }, () => commands.run(org, 'cmd.create', 'key-1', work)));
    expect(runs).toBe(1);
    expect(answers).toEqual(Array.from({ length: 5 }, () => ({ id: 'account-1' })));
    await expect(commands.run(org, 'cmd.create', 'key-1', work)).resolves.toEqual({ id: 'account-1' });
    expect(runs).toBe(1);
  });

  it('runs again for another key, another organization or no key', async () => {
    let runs = 0;
    const work = async () => ++runs;
    await commands.run(org, 'cmd.other', 'k', work);
    await commands.run(org, 'cmd.other', 'k2', work);
    await commands.run(asOrgId(randomUUID()), 'cmd.other', 'k', work);
    await commands.run(org, 'cmd.other', undefined, work);
    await commands.run(org, 'cmd.other', undefined, work);
    expect(runs).toBe(5);
  });

  it('keeps nothing of a failed command: a retry with its key runs', async () => {
    await expect(commands.run(org, 'cmd.fail', 'k', async () => Promise.reject(new Error('provider down')))).rejects.toThrow('provider down');
    await expect(commands.run(org, 'cmd.fail', 'k', async () => 'second time')).resolves.toBe('second time');
  });

  it('prunes answers past the retention and keeps the rest', async () => {
    await commands.run(org, 'cmd.old', 'k', async () => 'old');
    await db.dataSource.query(`UPDATE command_results SET created_at = now() - interval '8 days' WHERE command = 'cmd.old'`);
    const kept = Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM command_results`))[0].n) - 1;
    await expect(new CommandResultsPruner(db.dataSource).prune()).resolves.toBe(1);
    expect(Number((await db.dataSource.query(`SELECT count(*)::int AS n FROM command_results`))[0].n)).toBe(kept);
  });
});
