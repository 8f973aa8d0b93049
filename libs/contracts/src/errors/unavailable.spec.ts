import { isDatabaseOutage, isDatabaseUnreachable } from './unavailable';

const pgError = (code: string, message = 'x') => Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('isDatabaseUnreachable', () => {
  it.each([
    ['the pool timing out', new Error('timeout exceeded when trying to connect')],
    ['a connect timeout', new Error('Connection terminated due to connection timeout')],
    ['too many connections', pgError('53300', 'sorry, too many clients already')],
    ['the server starting up', pgError('57P03', 'the database system is starting up')],
    ['a refused socket', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['TypeORM wrapping a refused connection', Object.assign(new Error('query failed'), { driverError: pgError('53300') })],
    ['every address refused', Object.assign(new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNREFUSED' })]), {})],
  ])('%s: nothing ran, retry (503)', (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(true);
  });

  it.each([
    ['a lost connection mid-transaction (its commit may have happened)', new Error('Connection terminated unexpectedly')],
    ['an admin shutdown mid-query', pgError('57P01', 'terminating connection due to administrator command')],
    ['a constraint violation', pgError('23505', 'duplicate key')],
    ['a bad byte', pgError('22021')],
    ['a plain error', new Error('boom')],
    ['one address refused, another reset mid-query', new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ECONNRESET' })])],
    ['null', null],
    ['a string', 'timeout exceeded when trying to connect'],
  ])('%s: not one of them', (_label, error) => {
    expect(isDatabaseUnreachable(error)).toBe(false);
  });
});

describe('isDatabaseOutage', () => {
  it.each([
    ['an unreachable database', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a lost connection', new Error('Connection terminated unexpectedly')],
    ['an admin shutdown (a restart)', pgError('57P01', 'terminating connection due to administrator command')],
    ['a crash shutdown', pgError('57P02')],
    ['a connection exception (class 08)', pgError('08006')],
    ['a reset socket', Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' })],
    ['TypeORM wrapping an admin shutdown', Object.assign(new Error('query failed'), { driverError: pgError('57P01') })],
    ['a query on a closed client', new Error('Client has encountered a connection error and is not queryable')],
  ])('%s: the database is down, not the work wrong', (_label, error) => {
    expect(isDatabaseOutage(error)).toBe(true);
  });

  it.each([
    ['a constraint violation', pgError('23505', 'duplicate key')],
    ['a statement timeout', pgError('57014', 'canceling statement due to statement timeout')],
    ['a deadlock', pgError('40P01')],
    ['a plain error', new Error('boom')],
    ['null', null],
  ])('%s: not an outage', (_label, error) => {
    expect(isDatabaseOutage(error)).toBe(false);
  });
});
