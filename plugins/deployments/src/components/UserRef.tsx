import { parseEntityRef } from '@backstage/catalog-model';
import {
  EntityRefLink,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';

/** `user:default/bob` → `bob`; anything that is not an entity ref is shown as it is. */
export function userRefText(ref: string): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref, { defaultKind: 'user' }), {
      defaultKind: 'user',
    });
  } catch {
    return ref;
  }
}

/**
 * A person (a user entity ref) linked to their catalog page. Actors that are not entity refs
 * (a CI token's subject, say) are shown as plain text. The link is always underlined: it mostly
 * stands inside a sentence ("created by bob 2 hours ago"), where colour alone does not tell it
 * apart from the text around it (WCAG 1.4.1).
 */
export function UserRef({ entityRef }: { entityRef: string }) {
  let full: string;
  try {
    const parsed = parseEntityRef(entityRef, { defaultKind: 'user' });
    full = `${parsed.kind}:${parsed.namespace}/${parsed.name}`;
  } catch {
    return <>{entityRef}</>;
  }
  return (
    <EntityRefLink
      entityRef={full}
      defaultKind="user"
      title={userRefText(entityRef)}
      underline="always"
    />
  );
}
