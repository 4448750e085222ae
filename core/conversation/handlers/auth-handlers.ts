import { linkIdentity, unlinkIdentity } from '../../auth/identities';
import { login } from '../../auth/login';
import { registerUser } from '../../auth/register-user';
import { ephemeral, text } from '../../views/view-model';
import type { Handler } from '../handler';
import { pick, signInText } from '../handler';
import { commandHint } from '../surface';
import { withArticle } from '../../views/words';

export const register: Handler = async ({ deps, conv }, args) => {
  const user = await registerUser(
    deps,
    pick(args, ['username', 'email', 'mobile', 'password', 'displayName']),
    'client',
  );
  await linkIdentity(deps, conv.account, user.id);
  return ephemeral(
    text(
      `Welcome, ${user.displayName}! Your account ${user.username} is ready and linked to this ${conv.surface.name} account. Raise a query with ${commandHint(conv.surface, 'new')}.`,
      'success',
    ),
  );
};

export const signIn: Handler = async ({ deps, conv }, args) => {
  const user = await login(deps, pick(args, ['login', 'password']));
  await linkIdentity(deps, conv.account, user.id);
  return ephemeral(
    text(
      `Signed in as ${user.username} (${user.role}). You stay signed in on this ${conv.surface.name} account until you run ${commandHint(conv.surface, 'logout')}.`,
      'success',
    ),
  );
};

export const logout: Handler = async ({ deps, conv }) => {
  await unlinkIdentity(deps, conv.account);
  return ephemeral(text('Signed out: this chat account is no longer linked to your CQMS account.', 'info'));
};

export const whoami: Handler = async ({ conv }) =>
  ephemeral(
    text(
      conv.actor
        ? `You are ${conv.actor.username}, signed in as ${withArticle(conv.actor.role)} on this ${conv.surface.name} account.`
        : signInText(conv),
    ),
  );
