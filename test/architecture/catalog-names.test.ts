import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { COMMAND_NAMES } from '../../core/commands/catalog';
import { FORM_IDS } from '../../core/views/form-ids';
import { unknownCatalogNames } from './catalog-names';
import { tsFiles } from './source-graph';

const ROOT = join(__dirname, '..', '..');
const commands = new Set<string>(COMMAND_NAMES);
const forms = new Set<string>(FORM_IDS);

describe('architecture: command and form facts live in core', () => {
  it('no adapter or entry point names a command or a form id that the catalog does not define', () => {
    const found = tsFiles(ROOT, ['adapters', 'bot', 'core'])
      .filter((f) => !f.endsWith('.test.ts'))
      .flatMap((f) =>
        unknownCatalogNames(readFileSync(f, 'utf8'), commands, forms).map((n) => `${relative(ROOT, f)}: ${n}`),
      );
    expect(found).toEqual([]);
  });

  it('catches a planted command and form id', () => {
    const planted =
      "text(`Run /cqms claimz 42 or /cqms show 7`);\nencodeAction({ kind: 'form', form: 'signup' });\nconst ref = { formId: 'close' };";
    expect(unknownCatalogNames(planted, commands, forms)).toEqual(['command "claimz"', 'form "signup"']);
  });
});
