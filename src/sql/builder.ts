// Collects bound parameters while SQL text is assembled: every constant goes through bind(), which
// returns an opaque marker; finish() turns markers into the dialect's placeholders in textual
// order, so fragments can be built in any order or reused. Identifiers only through ident().
import type { SqlParam } from '../storage/backend.ts';
import type { Dialect, SqlCastType } from './dialect.ts';

const MARKER = /\u0001(\d+)\u0002/g;

export class SqlBuilder {
  private readonly values: SqlParam[] = [];
  constructor(readonly dialect: Dialect) {}

  bind = (value: SqlParam): string => {
    this.values.push(value);
    return `\u0001${this.values.length - 1}\u0002`;
  };

  /** A bound constant cast to a type, so the engine never has to guess it. */
  typed(value: SqlParam, type: SqlCastType): string {
    return this.dialect.cast(this.bind(value), type);
  }

  ident(name: string): string {
    return this.dialect.quoteIdent(name);
  }

  /** Final SQL with placeholders numbered in textual order, and the matching parameters. */
  finish(sql: string): { sql: string; params: SqlParam[] } {
    const params: SqlParam[] = [];
    const text = sql.replace(MARKER, (_, i: string) => {
      params.push(this.values[Number(i)]);
      return this.dialect.placeholder(params.length);
    });
    return { sql: text, params };
  }
}
