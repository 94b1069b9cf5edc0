/** What an approval order looks at: a subject's rank (none: unordered) and state. */
export interface Ranked {
  orderRank?: number | null;
  state: string;
}

/**
 * The subject that must be approved before `subject` may be decided: the lowest-ranked of
 * its siblings (the same owner's subjects) with a lower rank that is not approved yet.
 * Unranked subjects wait for nothing and hold nothing up.
 */
export function mustComeFirst<T extends Ranked>(siblings: readonly T[], subject: Ranked): T | undefined {
  const rank = subject.orderRank;
  if (rank === null || rank === undefined) return undefined;
  return siblings
    .filter(s => s.orderRank !== null && s.orderRank !== undefined && s.orderRank < rank)
    .filter(s => s.state !== 'approved')
    .sort((a, b) => a.orderRank! - b.orderRank!)[0];
}
