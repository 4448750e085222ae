import type { Sequelize, Transaction } from 'sequelize';
import type { Models } from '../models';

/** What every repository needs: the connection, its models and the transaction it is bound to (null: none). */
export interface RepoContext {
  sequelize: Sequelize;
  models: Models;
  transaction: Transaction | null;
  /**
   * Runs statements that must land together (a message and its seq): in the bound transaction, or else in a new
   * one of the store's (SQLite's take turns with the store's own).
   */
  atomic<T>(fn: (t: Transaction) => Promise<T>): Promise<T>;
}
