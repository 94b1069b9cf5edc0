import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { useWriteAheadLog } from './sqliteJournal';

describe('useWriteAheadLog', () => {
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

    await useWriteAheadLog(knex);
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

  it('leaves other databases alone', async () => {
    const pg = { client: { config: { client: 'pg' } } } as unknown as Knex;
    await expect(useWriteAheadLog(pg)).resolves.toBeUndefined();
  });
});
