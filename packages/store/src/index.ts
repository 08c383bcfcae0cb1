/**
 * @kontakt/store — kontakt's persistence on SQLite (the embedded default),
 * PostgreSQL and Cloudflare D1, one set of queries for all, over a thin port
 * of its own (db/Db.ts). This entry runs anywhere (Node, edge runtimes); the
 * Node databases' layers are in `@kontakt/store/node`, D1's in
 * `@kontakt/store/d1`.
 */
import { defaultPolicy, type Policy } from "@kontakt/domain"
import { Layer } from "effect"
import { AccountService } from "./AccountService.js"
import { Accounts } from "./Accounts.js"
import { AddressBook } from "./AddressBook.js"
import { Blocks } from "./Blocks.js"
import { Categories } from "./Categories.js"
import { CategoryService } from "./CategoryService.js"
import { ContactService } from "./ContactService.js"
import { Contacts } from "./Contacts.js"
import { EventLog } from "./EventLog.js"
import { FeedService } from "./FeedService.js"
import { IdsLive } from "./Ids.js"
import { IntroductionService } from "./IntroductionService.js"
import { Introductions } from "./Introductions.js"
import { InvitationService } from "./InvitationService.js"
import { LoginAttempts } from "./LoginAttempts.js"
import { Members } from "./Members.js"
import { Network } from "./Network.js"
import { NetworkSql } from "./NetworkSql.js"
import { OutboxRetention } from "./OutboxRetention.js"
import { Recommendations } from "./Recommendations.js"
import { RequestService } from "./RequestService.js"
import { Requests } from "./Requests.js"
import { ReaderViews } from "./readmodel/ReaderViews.js"
import { ReadModel } from "./readmodel/ReadModel.js"
import { storePolicy } from "./StorePolicy.js"
import { TrustedDevices } from "./TrustedDevices.js"

export * from "./AccountService.js"
export * from "./Accounts.js"
export * from "./AddressBook.js"
export * from "./Blocks.js"
export * from "./Bytes.js"
export * from "./Categories.js"
export * from "./CategoryService.js"
export * from "./ContactService.js"
export * from "./Contacts.js"
export * from "./Decide.js"
export * from "./db/Db.js"
export * from "./db/Statement.js"
export * from "./EventLog.js"
export * from "./FeedService.js"
export * from "./Ids.js"
export * from "./IntroductionService.js"
export * from "./Introductions.js"
export * from "./InvitationService.js"
export * from "./LoginAttempts.js"
export * from "./Members.js"
export * from "./Migrate.js"
export * from "./Network.js"
export * from "./NetworkSql.js"
export * from "./OutboxRetention.js"
export * from "./Recommendations.js"
export * from "./RequestService.js"
export * from "./Requests.js"
export * from "./readmodel/FeedIndex.js"
export * from "./readmodel/ReaderViews.js"
export * from "./readmodel/ReadModel.js"
export * from "./Secrets.js"
export * from "./StorePolicy.js"
export * from "./TrustedDevices.js"

// A change to a profile commits its event (readmodel/SummaryCache.ts); lists take summaries here.
const members = Members.Default.pipe(Layer.provide(EventLog.Default))

const repositories = Layer.mergeAll(
  Accounts.Default,
  members,
  Requests.Default.pipe(Layer.provide(members)),
  Contacts.Default.pipe(Layer.provide(members)),
  Categories.Default,
  Blocks.Default,
  Network.Default,
  NetworkSql.Default,
  EventLog.Default,
  LoginAttempts.Default,
  TrustedDevices.Default,
  OutboxRetention.Default,
  Introductions.Default,
  Recommendations.Default,
  AddressBook.Default,
).pipe(Layer.provideMerge(ReaderViews.Default), Layer.provideMerge(ReadModel.Default))

const commands = Layer.mergeAll(
  RequestService.Default,
  ContactService.Default,
  CategoryService.Default,
  AccountService.Default,
  FeedService.Default,
  InvitationService.Default,
).pipe(Layer.provideMerge(repositories))

// A forwarded introduction sends its request through RequestService.
const services = IntroductionService.Default.pipe(Layer.provideMerge(commands))

/**
 * Every store service over a database (`Db`), with ids and the given policy.
 *
 * @example
 * ```ts
 * const layer = storeServicesWith(makePolicy({ firstReviewAfterDays: 30 }))
 * ```
 */
export const storeServicesWith = (policy: Policy) =>
  services.pipe(Layer.provideMerge(IdsLive), Layer.provideMerge(storePolicy(policy)))

/** Every store service over a database (`Db`), with ids and the default policy. */
export const storeServices = storeServicesWith(defaultPolicy)
