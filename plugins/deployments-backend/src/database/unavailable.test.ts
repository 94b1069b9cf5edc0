import { isDatabaseUnavailable } from './unavailable';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    ['pg: connection ended', new Error('Connection terminated unexpectedly')],
    ['pg-pool: connect timeout', new Error('Connection terminated due to connection timeout')],
    ['PostgreSQL admin shutdown (57P01)', withCode('57P01', 'terminating connection due to administrator command')],
    ['PostgreSQL cannot connect now (57P03)', withCode('57P03', 'the database system is starting up')],
    ['PostgreSQL connection exception class 08', withCode('08006')],
    ['PostgreSQL too many connections', withCode('53300')],
    ['knex pool acquire timeout', Object.assign(new Error('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' })],
    ['knex after destroy', new Error('Unable to acquire a connection')],
    ['a wrapped cause', new Error('query failed', { cause: withCode('ECONNREFUSED') })],
  ])('says a database is unavailable on %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', withCode('23505', 'duplicate key value violates unique constraint')],
    ['a value too long', withCode('22001', 'value too long for type character varying(255)')],
    ['a syntax error', withCode('42601', 'syntax error at or near "selec"')],
    ['a SQLite constraint', withCode('SQLITE_CONSTRAINT_UNIQUE', 'UNIQUE constraint failed')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['nothing', undefined],
  ])('tells a statement that failed from a database that is gone: %s', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
