/**
 * What an import says of itself: the report (rows read, written, rejected each with its line and
 * reason, notes on rows kept with something set aside), and the two ways it can end early — a
 * file that cannot be read at all (ImportError, nothing written), or a fault part-way
 * (ImportStopped, carrying the report of what was committed before it: a later fault never hides
 * an earlier commit).
 */
import 'server-only';
import type { Layout } from './datasets';

export interface Rejected {
  line: number;
  id: string | null;
  reason: string;
}

/** A row kept, with something of it set aside (a geometry not used, say): said, never silent. */
export interface Note {
  line: number;
  id: string | null;
  note: string;
}

export interface Candidate {
  line: number;
  /** the imported row's claim */
  claim: string;
  /** the stored incident it may describe */
  incident: string;
  distanceKm: number;
}

export interface ImportReport {
  format: Layout | 'geojson';
  dryRun: boolean;
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: Rejected[];
  /** rejected rows counted beyond those listed (the list is bounded) */
  rejectedCount: number;
  notes: Note[];
  candidates: Candidate[];
  placesCreated: number;
  reencodedLines: number;
  seconds: number;
}

/** How many rejected rows, notes and candidates a report lists at most (the counts go on). */
export const MAX_LISTED = 10_000;

export function emptyReport(format: ImportReport['format'], dryRun: boolean): ImportReport {
  return {
    format,
    dryRun,
    rowsRead: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rejectedCount: 0,
    notes: [],
    candidates: [],
    placesCreated: 0,
    reencodedLines: 0,
    seconds: 0,
  };
}

/** Counts a rejected row, and lists it while the list is shorter than MAX_LISTED. */
export function rejecter(report: ImportReport): (line: number, id: string | null, reason: string) => void {
  return (line, id, reason) => {
    report.rejectedCount++;
    if (report.rejected.length < MAX_LISTED) report.rejected.push({ line, id, reason });
  };
}

/** Notes a row kept with something set aside. */
export function noter(report: ImportReport): (line: number, id: string | null, note: string) => void {
  return (line, id, note) => {
    if (report.notes.length < MAX_LISTED) report.notes.push({ line, id, note });
  };
}

/**
 * A file that cannot be imported at all (as opposed to rows rejected one by one); nothing of it
 * is written. `status`: 415 not text, 413 a line or the file too long, 422 otherwise.
 */
export class ImportError extends Error {
  constructor(
    message: string,
    readonly status: 413 | 415 | 422 = 422,
  ) {
    super(message);
    this.name = 'ImportError';
  }
}

/**
 * An import stopped part-way by a fault that is not the file's (the store went away, a bug): the
 * batches committed before it stand, and `report` says exactly what they wrote.
 */
export class ImportStopped extends Error {
  constructor(
    readonly report: ImportReport,
    readonly reason: unknown,
  ) {
    super(`The import stopped after ${report.rowsRead} rows: ${reason instanceof Error ? reason.message : String(reason)}`);
    this.name = 'ImportStopped';
  }
}
