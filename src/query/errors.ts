// ODS-like ODSQL error messages: "ODSQL query is malformed: <what>. Clause(s) containing the
// error(s): <clause>." (the shape of the spec's 400 example). Builds AgoraErrors; never catches.
import { AgoraError, type ErrorCode } from '../core/errors.ts';
import type { Clause } from './ast.ts';

function odsMessage(what: string, clause: Clause): string {
  return `ODSQL query is malformed: ${what} Clause(s) containing the error(s): ${clause}.`;
}

/** Position is the 0-based character offset in the clause text. */
export function syntaxError(clause: Clause, pos: number, what: string): AgoraError {
  return new AgoraError('ODSQL_SYNTAX', odsMessage(`Syntax error in ${clause} clause at position ${pos}: ${what}.`, clause), { clause, position: pos });
}

export function odsqlError(code: ErrorCode, clause: Clause, pos: number, what: string): AgoraError {
  return new AgoraError(code, odsMessage(`${what} (at position ${pos}).`, clause), { clause, position: pos });
}
