import { Actor } from '../auth/Actor';

/**
 * Whether a request this person writes may hold or take deployment events that name no
 * request (the implicit product + version + environment match). Only those who speak for
 * every product it lists: members of each product's owning group, release managers and
 * admins. Anyone else's request still gates the events that name it by id: a team's CI
 * cannot be held, or taken over, by a request someone outside the team wrote.
 */
export function gatesUnnamedEvents(actor: Actor, productOwners: Array<string | null>): boolean {
  if (actor.roles.includes('admin') || actor.roles.includes('release_manager')) return true;
  const mine = new Set(actor.ownershipRefs.map(ref => ref.toLocaleLowerCase('en-US')));
  return productOwners.every(owner => owner !== null && mine.has(owner.toLocaleLowerCase('en-US')));
}
