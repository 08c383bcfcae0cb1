/**
 * @kontakt/domain — the professional contact lifecycle as pure functions.
 *
 * Request (with a note saying why), accept or ignore, categorize, review,
 * delete silently; the acceptance policy; feed visibility; the delivery
 * policy that decides who is told what. No I/O, no clock, no randomness:
 * time and ids come in as arguments, and every transition returns
 * `Either<DomainError, { state, events }>`.
 *
 * @packageDocumentation
 */
export * from "./Acceptance.js"
export * from "./AddressBook.js"
export * from "./Block.js"
export * from "./Category.js"
export * from "./Connect.js"
export * from "./Contact.js"
export * from "./Delivery.js"
export * from "./Errors.js"
export * from "./Events.js"
export * from "./Feed.js"
export * from "./Ids.js"
export * from "./Introduction.js"
export * from "./Invitation.js"
export * from "./Member.js"
export * from "./NotePrefill.js"
export * from "./Policy.js"
export * from "./Post.js"
export * from "./Reach.js"
export * from "./Recommend.js"
export * from "./Request.js"
export * from "./RequestTransitions.js"
export * from "./Review.js"
export * from "./Send.js"
export * from "./Text.js"
export * from "./Transition.js"
