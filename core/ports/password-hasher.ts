/** A salted, deliberately slow password hash (argon2id in production). */
export interface PasswordHasher {
  readonly scheme: 'argon2id';
  hash(password: string): Promise<string>;
  verify(hash: string, password: string): Promise<boolean>;
}
