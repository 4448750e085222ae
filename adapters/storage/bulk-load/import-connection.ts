import mysql, { type Connection } from 'mysql2/promise';
import type { Sequelize } from 'sequelize';
import { CONNECT_TIMEOUT_MS } from '../connect';
import { watchLongStatements } from '../statement-bound';

/**
 * A connection of its own for an import (its staging table and its named locks live and die with it), outside
 * the pool. Its statements are long ones (staging, the inserts, an index rebuild): a silence is checked with the
 * server through the pool, never taken for an outage while the server works on them.
 */
export async function openImportConnection(sequelize: Sequelize): Promise<Connection> {
  const c = sequelize.config;
  const conn = await mysql.createConnection({
    ...(c.host === undefined ? {} : { host: c.host }),
    port: Number(c.port ?? 3306),
    user: c.username,
    password: c.password ?? '',
    database: c.database,
    connectTimeout: CONNECT_TIMEOUT_MS,
  });
  watchLongStatements(sequelize, conn);
  return conn;
}
