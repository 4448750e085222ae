import type { Sequelize, Transaction } from 'sequelize';
import type { Models } from '../models';

/** What every repository needs: the connection, its models and the transaction it is bound to (null: none). */
export interface RepoContext {
  sequelize: Sequelize;
  models: Models;
  transaction: Transaction | null;
}
