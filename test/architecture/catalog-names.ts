/**
 * Names of core's catalog that a source file uses as text: a command suggested to a user (`/cqms claim`), a
 * form id carried in an object (`form: 'close'`, `formId: 'new'`). Returns those core does not define.
 */
export function unknownCatalogNames(
  source: string,
  commands: ReadonlySet<string>,
  forms: ReadonlySet<string>,
): string[] {
  const out: string[] = [];
  for (const m of source.matchAll(/\/cqms ([a-z][a-z-]*)\b/g)) if (!commands.has(m[1]!)) out.push(`command "${m[1]}"`);
  for (const m of source.matchAll(/\b(?:form|formId|f)\s*:\s*'([a-z-]+)'/g))
    if (!forms.has(m[1]!)) out.push(`form "${m[1]}"`);
  return out;
}
