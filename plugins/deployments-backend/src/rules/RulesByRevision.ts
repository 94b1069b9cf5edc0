import { RuleForMatching } from './RuleStore';

/**
 * How many revisions of an environment's rules are kept. Only the newest is bound to new
 * reads; the older ones serve reads bound before a simultaneous read brought a newer one.
 */
const KEPT_REVISIONS = 4;

/**
 * How many environments' rules are held: far more than an organization has, a bound in case
 * something reads the rules of names that are not environments.
 */
const KEPT_ENVIRONMENTS = 1_000;

/**
 * The enabled rules that may match each environment, as this process last read them, by
 * the revision of the rules they were read at. A read binds the revision held here and the
 * database answers the rules only when it holds another revision: the check and the rules
 * come from one statement, so no replica ever judges by rules older than the database's.
 */
export class RulesByRevision {
  private readonly byEnvironment = new Map<
    string,
    Map<string, readonly RuleForMatching[]>
  >();

  /** The revision to bind for an environment: the newest held, or null (none held). */
  revisionFor(environment: string): string | null {
    const held = this.byEnvironment.get(environment);
    return held ? [...held.keys()].pop() ?? null : null;
  }

  /**
   * The rules of the database's answer: `revision`, meaning the rules held under it, or
   * `revision rules` (a JSON array), which are then held under it.
   */
  rulesOf(environment: string, answer: unknown): readonly RuleForMatching[] {
    if (typeof answer !== 'string')
      throw new Error('the deployment rules have no revision row');
    const space = answer.indexOf(' ');
    const revision = space < 0 ? answer : answer.slice(0, space);
    const held = this.byEnvironment.get(environment) ?? new Map();
    if (space < 0) {
      const rules = held.get(revision);
      if (!rules) {
        throw new Error(
          `the deployment rules of ${environment} at revision ${revision} are no longer held`,
        );
      }
      return rules;
    }
    const rules = deepFreeze(
      JSON.parse(answer.slice(space + 1)) as RuleForMatching[],
    );
    held.delete(revision);
    held.set(revision, rules);
    if (held.size > KEPT_REVISIONS) held.delete(held.keys().next().value!);
    this.byEnvironment.set(environment, held);
    if (this.byEnvironment.size > KEPT_ENVIRONMENTS) {
      this.byEnvironment.delete(this.byEnvironment.keys().next().value!);
    }
    return rules;
  }
}

/** Held rules are shared by every event that reads them: no caller may change them. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
