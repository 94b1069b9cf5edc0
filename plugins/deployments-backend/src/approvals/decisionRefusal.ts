import { ApprovalSubject } from './ApprovalSubject';

/** Why the engine refuses a person a decision on a subject: a conflict (409) or not allowed (403). */
export type EngineRefusal = { kind: 'conflict' | 'not_allowed'; message: string };

/**
 * The engine's own refusals, whatever the permission policy says: one decision per person,
 * none on a resolved or inactive subject, and the requester never decides their own unless
 * the environment allows self-approval. Used by decide and by pages that show why not.
 */
export function decisionRefusal(
  subject: ApprovalSubject,
  userRef: string,
  allowSelfApproval: boolean,
): EngineRefusal | undefined {
  if (subject.decisions.some(d => d.decidedBy === userRef)) {
    return { kind: 'conflict', message: 'you have already decided this approval' };
  }
  if (subject.state !== 'open') {
    return { kind: 'conflict', message: `this approval is already ${subject.state}` };
  }
  if (!subject.active) {
    return { kind: 'conflict', message: 'this approval is not taking decisions now' };
  }
  if (!allowSelfApproval && subject.requestedBy === userRef) {
    return {
      kind: 'not_allowed',
      message: `the requester cannot approve their own request${
        subject.environment ? ` in ${subject.environment}` : ''
      }`,
    };
  }
  return undefined;
}
