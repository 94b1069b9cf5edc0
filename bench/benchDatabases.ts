/*
 * The databases the deployments benchmark runs on: a SQLite file and a PostgreSQL database,
 * each opened as the backend's connectors open them.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import knexFactory, { Knex } from 'knex';
import { PG_DATABASE, PG_URL } from './deploymentsSettings';

export type Bench = {
  label: string;
  client: 'better-sqlite3' | 'pg';
  knex: Knex;
  version: string;
  cleanup: () => Promise<void>;
};

export async function openSqlite(): Promise<Bench> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipgate-bench-'));
  const filename = path.join(dir, 'deployments.sqlite');
  // As the backend's SQLite connector builds it: a file, null as default, one connection.
  const knex = knexFactory({
    client: 'better-sqlite3',
    connection: { filename },
    useNullAsDefault: true,
  });
  const [{ v }] = await knex.raw('select sqlite_version() as v');
  return {
    label: 'SQLite',
    client: 'better-sqlite3',
    knex,
    version: `SQLite ${v} (better-sqlite3, file in ${os.tmpdir()}, default pragmas)`,
    cleanup: async () => {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function openPostgres(): Promise<Bench> {
  const admin = knexFactory({
    client: 'pg',
    connection: `${PG_URL}/postgres`,
    pool: { min: 0, max: 1 },
  });
  await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
  await admin.raw(`CREATE DATABASE ${PG_DATABASE}`);
  // Pool as the backend's PostgreSQL connector leaves it: knex's default (2..10).
  const knex = knexFactory({ client: 'pg', connection: `${PG_URL}/${PG_DATABASE}` });
  const { rows } = await knex.raw('show server_version');
  return {
    label: 'PostgreSQL',
    client: 'pg',
    knex,
    version: `PostgreSQL ${rows[0].server_version} (database ${PG_DATABASE}, dropped at the end)`,
    cleanup: async () => {
      await knex.destroy();
      await admin.raw(`DROP DATABASE IF EXISTS ${PG_DATABASE}`);
      await admin.destroy();
    },
  };
}
