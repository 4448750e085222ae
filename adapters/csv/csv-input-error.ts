/** A file that cannot be read as the CSV asked for; the message is one line, fit to show a user. */
export class CsvInputError extends Error {}

interface CsvParseFailure {
  code?: string;
  message?: string;
}

/**
 * Turns csv-parse's failure into a sentence naming the line where the broken record starts;
 * csv-parse's own line count drifts after quoted fields that contain CRLF.
 */
export function describeParseFailure(file: string, e: unknown, recordLine: number): CsvInputError {
  const code = (e as CsvParseFailure)?.code ?? '';
  const where = `${file}: not a valid CSV file`;
  switch (code) {
    case 'CSV_QUOTE_NOT_CLOSED':
    case 'CSV_MAX_RECORD_SIZE':
      return new CsvInputError(`${where}: the quoted field opened in the record on line ${recordLine} is never closed`);
    case 'INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_OPENING_QUOTE':
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      return new CsvInputError(
        `${where}: misplaced quote in the record on line ${recordLine} (quote a field that contains quotes, and double the inner ones)`,
      );
    default:
      return new CsvInputError(
        `${where}: ${String((e as CsvParseFailure)?.message ?? e).split('\n')[0]} (record on line ${recordLine})`,
      );
  }
}
