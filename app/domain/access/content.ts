import { can, type Ability, type Actor, type MembershipContext } from './abilities'

/**
 * Who a person is to an organisation's request, offer or practice, in the words its pages use: its own side
 * publishes for the organisation; the secretariat holds the ability that reviews this kind of content.
 */
export function contentSides(user: Actor | null, membership: MembershipContext | null, review: Ability) {
  return { ownSide: can(user, 'publish:content', membership), secretariat: can(user, review) }
}
