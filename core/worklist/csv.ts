/**
 * CSV as RFC 4180 writes it: fields separated by commas, records by CRLF, and a field quoted (its quotes
 * doubled) when it holds a comma, a quote, a CR or an LF. Spreadsheets and `csv` readers parse it back to
 * the same strings.
 */
export type CsvField = string | number;

export function csvField(value: CsvField): string {
  const text = typeof value === 'number' ? String(value) : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(rows: readonly (readonly CsvField[])[]): string {
  return rows.map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
