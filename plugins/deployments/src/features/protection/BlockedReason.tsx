import { Link } from '@backstage/core-components';
import { blockedLabel } from './protectionText';

/** "create one at /deployment-requests/new?…" in a rule's reason: the path up to a space or ";". */
const CREATE_REQUEST = /create one at (\/[^\s;]+)/g;

/**
 * A blocked deployment's reason as the status cell says it, with the rule's "create one at
 * <path>" turned into a link people can follow.
 */
export function BlockedReason({ reason }: { reason: string | null }) {
  // split() with a group: text, path, text, path, … (odd places hold the paths).
  const parts = blockedLabel(reason).split(CREATE_REQUEST);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          // Underlined: it sits in secondary text, where colour alone does not tell it apart
          // (axe link-in-text-block, WCAG 1.4.1).
          <Link key={i} to={part} underline="always">
            create the request
          </Link>
        ) : (
          part
        ),
      )}
    </>
  );
}
