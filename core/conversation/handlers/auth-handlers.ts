import { linkIdentity, unlinkIdentity } from '../../auth/identities';
import { login } from '../../auth/login';
import { registerUser } from '../../auth/register-user';
import { ephemeral, text } from '../../views/view-model';
import type { Handler } from '../handler';
import { pick } from '../handler';

export const register: Handler = async ({ deps, conv }, args) => {
  const user = await registerUser(deps, pick(args, ['username', 'email', 'mobile', 'password', 'displayName']), 'client');
  await linkIdentity(deps, conv.account, user.id);
  return ephemeral(text(`Welcome, ${user.displayName}! Your account ${user.username} is ready and linked to this ${conv.account.platform} account. Raise a query with \`new\`.`, 'success'));
};

export const signIn: Handler = async ({ deps, conv }, args) => {
  const user = await login(deps, pick(args, ['login', 'password']));
  await linkIdentity(deps, conv.account, user.id);
  return ephemeral(text(`Signed in as ${user.username} (${user.role}). You stay signed in on this ${conv.account.platform} account until you run \`logout\`.`, 'success'));
};

export const logout: Handler = async ({ deps, conv }) => {
  await unlinkIdentity(deps, conv.account);
  return ephemeral(text('Signed out: this chat account is no longer linked to your CQMS account.', 'info'));
};

export const whoami: Handler = async ({ conv }) =>
  ephemeral(
    text(
      conv.actor
        ? `You are ${conv.actor.username}, signed in as a ${conv.actor.role} on ${conv.account.platform}.`
        : 'You are not signed in. Run `login` if you have an account, or `register` to create one.',
    ),
  );
