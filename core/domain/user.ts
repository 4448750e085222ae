import type { Role } from './roles';

export type PasswordScheme = 'argon2id' | 'sha256-legacy';

export interface UserRecord {
  id: number;
  username: string;
  email: string | null;
  mobile: string | null;
  displayName: string;
  role: Role;
  /** Null for accounts created by an import that have never set a password. */
  passwordHash: string | null;
  passwordScheme: PasswordScheme | null;
  createdAt: Date;
}

export type NewUserRow = Omit<UserRecord, 'id' | 'createdAt'> & { createdAt: Date };

/** What other surfaces may see of a user: never the hash. */
export type UserSummary = Omit<UserRecord, 'passwordHash' | 'passwordScheme'>;

/** Names each field it copies: a column added to UserRecord is shown only once it is named here (or omitted above). */
export function summarize(u: UserRecord): UserSummary {
  return {
    id: u.id,
    username: u.username,
    email: u.email,
    mobile: u.mobile,
    displayName: u.displayName,
    role: u.role,
    createdAt: u.createdAt,
  };
}
