import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { keepCompiledStatements, tuneSqlite } from './sqliteTuning';

describe('tuneSqlite', () => {
  let dir: string;
  let knex: Knex;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipgate-wal-'));
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'db.sqlite') },
      useNullAsDefault: true,
    });
  });

  afterEach(async () => {
    await knex.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const pragma = async (name: string) => {
    const rows = await knex.raw(`pragma ${name}`);
    return Object.values(rows[0])[0];
  };

  it('turns a file database to the write-ahead log with normal syncing, and keeps what was committed', async () => {
    await knex.schema.createTable('t', table => table.integer('n'));
    expect(await pragma('journal_mode')).toBe('delete');

    await tuneSqlite(knex);
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1); // NORMAL

    await knex('t').insert({ n: 1 });
    await knex.destroy();
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: path.join(dir, 'db.sqlite') },
      useNullAsDefault: true,
    });
    expect(await knex('t').select('n')).toEqual([{ n: 1 }]);
    // The log mode is a property of the file: a new connection finds it.
    expect(await pragma('journal_mode')).toBe('wal');
  });

  it('compiles a statement once per connection and runs it again with new bindings', async () => {
    await knex.schema.createTable('t', table => table.integer('n'));
    await tuneSqlite(knex);
    const connection = await knex.client.acquireConnection();
    const first = connection.prepare('select n from t where n > ?');
    expect(connection.prepare('select n from t where n > ?')).toBe(first);
    await knex.client.releaseConnection(connection);

    await knex('t').insert([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(await knex.raw('select n from t where n > ?', [1])).toEqual([
      { n: 2 },
      { n: 3 },
    ]);
    expect(await knex.raw('select n from t where n > ?', [2])).toEqual([
      { n: 3 },
    ]);
  });

  it('answers from the schema as it is now when a kept statement outlives a change of it', async () => {
    await knex.schema.createTable('t', table => table.integer('n'));
    await tuneSqlite(knex);
    await knex('t').insert({ n: 1 });
    expect(await knex.raw('select * from t')).toEqual([{ n: 1 }]);
    await knex.schema.alterTable('t', table =>
      table.string('label').defaultTo('x'),
    );
    expect(await knex.raw('select * from t')).toEqual([{ n: 1, label: 'x' }]);
  });

  it('keeps the most recently used statements up to its size', () => {
    let compiled = 0;
    const db = {
      prepare: (source: string) => ({ source, serial: ++compiled }),
    };
    keepCompiledStatements(db, 2);
    const a = db.prepare('a');
    db.prepare('b');
    expect(db.prepare('a')).toBe(a); // a is now the most recent
    db.prepare('c'); // evicts b
    expect(compiled).toBe(3);
    expect(db.prepare('a')).toBe(a);
    db.prepare('b');
    expect(compiled).toBe(4);
    keepCompiledStatements(db, 2); // tuning twice wraps once
    expect(db.prepare('b')).toBe(db.prepare('b'));
    expect(compiled).toBe(4);
  });

  it('leaves other databases alone', async () => {
    const pg = { client: { config: { client: 'pg' } } } as unknown as Knex;
    await expect(tuneSqlite(pg)).resolves.toBeUndefined();
  });
});
