import { createHash } from 'crypto';

/**
 * Statement texts composed once per set of parts (the gates' reads and writes are fixed
 * while the plugin runs), each named after its text, so that every text is prepared once per
 * PostgreSQL connection under a name of its own.
 */
export class ComposedStatements {
  private readonly byParts = new Map<string, { name: string; sql: string }>();

  get(prefix: string, parts: readonly string[], compose: () => string) {
    const key = `${prefix} ${parts.join(' ')}`;
    let statement = this.byParts.get(key);
    if (!statement) {
      const sql = compose();
      const hash = createHash('sha1').update(sql).digest('hex').slice(0, 12);
      statement = { name: `${prefix}_${hash}`, sql };
      this.byParts.set(key, statement);
    }
    return statement;
  }
}
