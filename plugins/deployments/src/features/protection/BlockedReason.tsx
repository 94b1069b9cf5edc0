import { Link } from '@backstage/core-components';
import { blockedLabel } from './protectionText';

/** "create one at /deployment-requests/new?…" in a rule's reason: the path up to a space or ";". */
const CREATE_REQUEST = /create one at (\/[^\s;]+)/g;

/**
 * A gate's reason as text, with a rule's "create one at <path>" turned into a link people
 * can follow (the status cell, the rules page's dry run).
 */
export function GateReason({ text }: { text: string }) {
  // split() with a group: text, path, text, path, … (odd places hold the paths).
  const parts = text.split(CREATE_REQUEST);
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

/** A blocked deployment's reason as the status cell says it ("blocked: …"). */
export function BlockedReason({ reason }: { reason: string | null }) {
  return <GateReason text={blockedLabel(reason)} />;
}
