/**
 * The parts of a campaign as data: its items (each a create request with the caller's own id),
 * its options, each item's state, the progress events and the final report.
 *
 * Every schema here crosses process boundaries (workflow payloads, the database, progress
 * events), so each one encodes to plain JSON.
 *
 * @since 0.1.0
 */
import { CreateCallRequest } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"

// Times are stored as JSON: a whole, non-negative number of milliseconds survives the round trip
// (NaN and the infinities would come back as null).
const EpochMillis = Schema.NonNegativeInt

/**
 * The caller's own id of an item: unique within its campaign, it is what makes a re-run of the
 * same campaign find the item's earlier outcome instead of placing the call again.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ItemId = Schema.String.pipe(
  Schema.minLength(1, { message: () => "must be a non-empty id" }),
  Schema.maxLength(200, { message: () => "must be at most 200 characters" }),
  Schema.brand("@effect-signalwire/campaign/ItemId")
)

/**
 * @since 0.1.0
 * @category models
 */
export type ItemId = typeof ItemId.Type

/**
 * One call to place: the caller's id and the create request, as `createCall` takes it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CampaignItem = Schema.Struct({
  id: ItemId,
  request: CreateCallRequest.CreateCallRequest
}).annotations({ identifier: "CampaignItem" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CampaignItem extends Schema.Schema.Type<typeof CampaignItem> {}

/**
 * Why an item was not placed, as recorded: the tag of the client's typed error (e.g.
 * `ApiRejected`, `AuthenticationFailed`) or one of the campaign's own (`WindowClosed`,
 * `AttemptsExhausted`), with its message.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ItemFailure = Schema.Struct({
  tag: Schema.String,
  message: Schema.String
}).annotations({ identifier: "ItemFailure" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ItemFailure extends Schema.Schema.Type<typeof ItemFailure> {}

/**
 * Where an item stands:
 *
 * - `pending`: not sent yet (or sent and provably not processed: `attempts` counts the sends).
 * - `sending`: a request is (or was, before a crash) on its way; a replay reconciles first.
 * - `placed`: the call exists, with its sid.
 * - `failed`: SignalWire refused it, or the campaign gave up; never placed.
 * - `unknown`: a request may have been processed and no lookup could tell: reported, never
 *   sent again.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ItemState = Schema.Union(
  Schema.TaggedStruct("Pending", { attempts: Schema.Int }),
  Schema.TaggedStruct("Sending", { sentAt: EpochMillis, attempts: Schema.Int }),
  Schema.TaggedStruct("Placed", { sid: Schema.String, attempts: Schema.Int, reconciled: Schema.Boolean }),
  Schema.TaggedStruct("Failed", { failure: ItemFailure, attempts: Schema.Int }),
  Schema.TaggedStruct("Unknown", { failure: ItemFailure, sentAt: EpochMillis, attempts: Schema.Int })
).annotations({ identifier: "ItemState" })

/**
 * @since 0.1.0
 * @category models
 */
export type ItemState = typeof ItemState.Type

/**
 * The outcome of an item once it is settled (no longer pending or sending).
 *
 * @since 0.1.0
 * @category schemas
 */
export const ItemOutcome = Schema.Union(
  ItemState.members[2],
  ItemState.members[3],
  ItemState.members[4]
).annotations({ identifier: "ItemOutcome" })

/**
 * @since 0.1.0
 * @category models
 */
export type ItemOutcome = typeof ItemOutcome.Type

/**
 * @since 0.1.0
 * @category guards
 */
export const isSettled = (state: ItemState): state is ItemOutcome =>
  state._tag === "Placed" || state._tag === "Failed" || state._tag === "Unknown"

/**
 * An item with its state, as the store holds it.
 *
 * @since 0.1.0
 * @category schemas
 */
export const ItemStatus = Schema.Struct({
  id: Schema.String,
  position: Schema.Int,
  state: ItemState,
  updatedAt: EpochMillis
}).annotations({ identifier: "ItemStatus" })

/**
 * @since 0.1.0
 * @category models
 */
export interface ItemStatus extends Schema.Schema.Type<typeof ItemStatus> {}
