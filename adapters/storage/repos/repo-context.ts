import type { Transaction } from 'sequelize';
import type { Models } from '../models';

/** What every repository needs: the models and the transaction it is bound to, if any. */
export interface RepoContext {
  models: Models;
  transaction: Transaction | undefined;
}
