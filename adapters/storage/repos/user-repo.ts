import { Op, type InferAttributes } from 'sequelize';
import type { Role } from '../../../core/domain/roles';
import type { NewUserRow, UserRecord } from '../../../core/domain/user';
import type { UserRepo } from '../../../core/ports/store';
import { guarded } from '../db-errors';
import { toDate } from '../row-mapping';
import type { UserRow } from '../tables';
import { BulkImport } from './bulk-import';
import type { RepoContext } from './repo-context';

const toUser = (r: InferAttributes<UserRow>): UserRecord => ({
  id: r.id,
  username: r.username,
  email: r.email,
  mobile: r.mobile,
  displayName: r.displayName,
  role: r.role,
  passwordHash: r.passwordHash,
  passwordScheme: r.passwordScheme,
  createdAt: toDate(r.createdAt),
});

export function userRepo({ sequelize, models: { User }, transaction }: RepoContext): UserRepo {
  const byId = async (id: number) => {
    const r = await User.findByPk(id, { raw: true, transaction });
    return r ? toUser(r) : null;
  };
  return {
    insert: (row: NewUserRow) =>
      guarded(async () => {
        const created = await User.create({ ...row, createdAt: row.createdAt.getTime() }, { transaction });
        return toUser(created.get({ plain: true }));
      }),
    findById: (id) => guarded(() => byId(id)),
    findByIds: (ids) =>
      guarded(async () => {
        if (ids.length === 0) return [];
        const rows = await User.findAll({ where: { id: { [Op.in]: [...new Set(ids)] } }, raw: true, transaction });
        return rows.map(toUser);
      }),
    findByLogin: (login) =>
      guarded(async () => {
        const or = Object.entries(login)
          .filter(([, v]) => v !== undefined && v !== '')
          .map(([k, v]) => ({ [k]: v }));
        if (or.length === 0) return [];
        const rows = await User.findAll({ where: { [Op.or]: or }, raw: true, transaction });
        return rows.map(toUser);
      }),
    list: (filter, page) =>
      guarded(async () => {
        const where = filter.role ? { role: filter.role } : {};
        const { rows, count } = await User.findAndCountAll({
          where,
          order: [['id', 'ASC']],
          limit: page.limit,
          offset: page.offset,
          raw: true,
          transaction,
        });
        return { rows: rows.map(toUser), total: count };
      }),
    setRole: (id, role: Role) =>
      guarded(async () => void (await User.update({ role }, { where: { id }, transaction }))),
    setPassword: (id, hash, scheme) =>
      guarded(
        async () =>
          void (await User.update({ passwordHash: hash, passwordScheme: scheme }, { where: { id }, transaction })),
      ),
    idsByEmail: (emails) => guarded(() => new BulkImport(sequelize, transaction).idsByEmail(emails)),
    insertClients: (rows) => guarded(() => new BulkImport(sequelize, transaction).insertClients(rows)),
  };
}
