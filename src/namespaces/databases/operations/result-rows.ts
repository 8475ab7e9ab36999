import { MAX_RESULT_BYTES } from '../../../scheduler/run-store';
import { MAX_ROWS } from './operation-input';

/**
 * Bytes of rows a run result keeps: under the run store's own cap on a result, so the rows recorded
 * are real rows rather than a truncated preview of the JSON.
 */
export const MAX_RESULT_ROW_BYTES = MAX_RESULT_BYTES - 4 * 1024;

export interface CappedRows {
  rows: Array<Record<string, unknown>>;
  /** Present when rows were left out to stay within the caps. */
  truncated?: { returned: number; kept: number };
}

/** Rows as JSON can carry them (binary as base64), cut to at most MAX_ROWS rows and MAX_RESULT_ROW_BYTES. */
export function capRows(rows: Array<Record<string, unknown>>, maxBytes = MAX_RESULT_ROW_BYTES): CappedRows {
  const kept: Array<Record<string, unknown>> = [];
  let bytes = 2;
  for (const row of rows) {
    if (kept.length >= MAX_ROWS) break;
    const plain = toJsonRow(row);
    const size = Buffer.byteLength(JSON.stringify(plain)) + 1;
    if (bytes + size > maxBytes) break;
    bytes += size;
    kept.push(plain);
  }
  return kept.length === rows.length ? { rows: kept } : { rows: kept, truncated: { returned: rows.length, kept: kept.length } };
}

function toJsonRow(row: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(row)) {
    out[key] = Buffer.isBuffer(value) ? value.toString('base64') : typeof value === 'bigint' ? value.toString() : value;
  }
  return out;
}

/**
 * Aggregates come back as strings from both drivers (DECIMAL, NUMERIC, BIGINT); a value a double holds
 * exactly enough (at most 15 significant digits) is reported as a number, anything else as given.
 */
export function numericValue(value: unknown): unknown {
  if (typeof value !== 'string' || !/^-?\d+(\.\d+)?$/.test(value)) return value;
  const digits = value.replace(/^-/, '').replace('.', '').replace(/^0+/, '').replace(/0+$/, '');
  return digits.length <= 15 ? Number(value) : value;
}
