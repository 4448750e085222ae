import { errorReply as discordReply } from '../../adapters/discord/error-reply';
import { errorLine } from '../../adapters/shell/error-line';
import { errorReply as slackReply, submissionErrors } from '../../adapters/slack/error-text';
import { COMMIT_UNKNOWN_TEXT, StoreUnavailable, STORE_UNAVAILABLE_TEXT } from '../../core/errors';
import { translateDbError } from '../../adapters/storage/db-errors';
import { ConnectionAcquireTimeoutError, ConnectionRefusedError, DatabaseError } from 'sequelize';

const noDefect = () => {
  throw new Error('an outage is not a defect');
};

describe('a database outage, as each surface says it', () => {
  const outage = new StoreUnavailable(new Error('connect ECONNREFUSED 127.0.0.1:3306'));

  it('is one sentence telling the user nothing was saved and to try again, on every surface', () => {
    expect(errorLine(outage, noDefect)).toBe(STORE_UNAVAILABLE_TEXT);
    expect(JSON.stringify(slackReply(outage, noDefect))).toContain(STORE_UNAVAILABLE_TEXT);
    expect(JSON.stringify(discordReply(outage, noDefect))).toContain(STORE_UNAVAILABLE_TEXT);
    expect(submissionErrors(outage, ['heading', 'description'], noDefect)).toEqual({ heading: STORE_UNAVAILABLE_TEXT });
  });

  it('says the change may be there when the connection went during the commit', () => {
    const cut = new StoreUnavailable(new Error('Connection lost: The server closed the connection.'), true);
    for (const said of [
      errorLine(cut, noDefect),
      JSON.stringify(slackReply(cut, noDefect)),
      JSON.stringify(discordReply(cut, noDefect)),
    ]) {
      expect(said).toContain(COMMIT_UNKNOWN_TEXT);
      expect(said).not.toContain('nothing was saved');
    }
  });

  it('is what the storage adapter makes of refused, timed-out and lost connections', () => {
    const refused = new ConnectionRefusedError(
      Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
    );
    const acquire = new ConnectionAcquireTimeoutError(new Error('Operation timeout'));
    const lost = new DatabaseError(
      Object.assign(new Error('Connection lost: The server closed the connection.'), {
        code: 'PROTOCOL_CONNECTION_LOST',
        sql: 'SELECT 1',
      }) as never,
    );
    const closed = new DatabaseError(
      Object.assign(new Error("Can't add new command when connection is in closed state"), {
        sql: 'SELECT 1',
        fatal: true,
      }) as never,
    );
    for (const e of [refused, acquire, lost, closed]) expect(translateDbError(e)).toBeInstanceOf(StoreUnavailable);
    const syntax = new DatabaseError(
      Object.assign(new Error('You have an error in your SQL syntax'), {
        code: 'ER_PARSE_ERROR',
        sql: 'SELEC 1',
      }) as never,
    );
    expect(translateDbError(syntax)).toBe(syntax);
  });
});
