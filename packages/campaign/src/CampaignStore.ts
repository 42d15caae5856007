/**
 * Where a campaign's items and their states live: two tables in the cluster's own database
 * (SQLite or PostgreSQL, through `@effect/sql`), so that every runner reads and writes the same
 * truth and a re-run finds what was already placed.
 *
 * An item moves `pending -> sending -> placed | failed | unknown`. The move to `sending` is a
 * conditional update (`WHERE state = 'pending'`) written before the request leaves: an
 * activity replayed after a crash finds `sending` and reconciles instead of sending again.
 *
 * @since 0.1.0
 */
import * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import { CreateCallRequest } from "@effect-signalwire/schema"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as CampaignItem from "./CampaignItem.js"
import { CampaignOptions } from "./CampaignOptions.js"

/**
 * A campaign as registered.
 *
 * @since 0.1.0
 * @category models
 */
export interface CampaignRecord {
  readonly campaignId: string
  readonly options: CampaignOptions
  readonly itemCount: number
  readonly createdAt: number
}

/**
 * @since 0.1.0
 * @category models
 */
export interface StoredItem {
  readonly id: CampaignItem.ItemId
  readonly request: CreateCallRequest.CreateCallRequest
  readonly state: CampaignItem.ItemState
}

/**
 * @since 0.1.0
 * @category models
 */
export interface Service {
  /** Records a campaign and its items; a campaign already recorded keeps its items and states. */
  readonly register: (
    campaignId: string,
    options: CampaignOptions,
    items: ReadonlyArray<CampaignItem.CampaignItem>
  ) => Effect.Effect<CampaignRecord, SqlError.SqlError>
  readonly campaign: (campaignId: string) => Effect.Effect<Option.Option<CampaignRecord>, SqlError.SqlError>
  /** The item ids in the campaign's order. */
  readonly itemIds: (campaignId: string) => Effect.Effect<ReadonlyArray<CampaignItem.ItemId>, SqlError.SqlError>
  readonly item: (campaignId: string, itemId: string) => Effect.Effect<Option.Option<StoredItem>, SqlError.SqlError>
  /**
   * `pending -> sending` (attempts + 1), only if still pending; the new state, or `None` when
   * another execution got there first.
   */
  readonly claim: (
    campaignId: string,
    itemId: string,
    sentAt: number
  ) => Effect.Effect<Option.Option<CampaignItem.ItemState>, SqlError.SqlError>
  /** `sending -> pending`: the request provably was not processed, it may be sent again. */
  readonly release: (campaignId: string, itemId: string) => Effect.Effect<void, SqlError.SqlError>
  /** Records an outcome (from `pending` or `sending`; a settled item keeps its outcome). */
  readonly settle: (
    campaignId: string,
    itemId: string,
    outcome: CampaignItem.ItemOutcome
  ) => Effect.Effect<CampaignItem.ItemOutcome, SqlError.SqlError>
  /** Every item with its state, in the campaign's order. */
  readonly statuses: (campaignId: string) => Effect.Effect<ReadonlyArray<CampaignItem.ItemStatus>, SqlError.SqlError>
}

/**
 * @since 0.1.0
 * @category tags
 */
export class CampaignStore extends Context.Tag("@effect-signalwire/campaign/CampaignStore")<CampaignStore, Service>() {}

const StateJson = Schema.parseJson(CampaignItem.ItemState)
const encodeState = Schema.encodeSync(StateJson)
const decodeState = Schema.decodeUnknownSync(StateJson)
const RequestJson = Schema.parseJson(CreateCallRequest.CreateCallRequest)
const encodeRequest = Schema.encode(RequestJson)
const decodeRequest = Schema.decodeUnknown(RequestJson)
const OptionsJson = Schema.parseJson(CampaignOptions)
const encodeOptions = Schema.encodeSync(OptionsJson)
const decodeOptions = Schema.decodeUnknownSync(OptionsJson)

const pending = encodeState({ _tag: "Pending", attempts: 0 })

// BIGINT comes back from PostgreSQL as a string, from SQLite as a number.
const toNumber = (value: unknown): number => typeof value === "number" ? value : Number(value)

/** The advisory lock that serialises creating the tables on PostgreSQL (any fixed number). */
const schemaLockKey = 7_470_221_001

/**
 * Creates the tables when missing (the same DDL for SQLite and PostgreSQL).
 *
 * @since 0.1.0
 * @category constructors
 */
export const make: Effect.Effect<Service, SqlError.SqlError, SqlClient.SqlClient> = Effect.gen(function*() {
  const sql = yield* SqlClient.SqlClient

  const createTables = Effect.all([
    sql`CREATE TABLE IF NOT EXISTS signalwire_campaigns (
    campaign_id TEXT PRIMARY KEY,
    options TEXT NOT NULL,
    item_count INTEGER NOT NULL,
    created_at BIGINT NOT NULL
  )`,
    sql`CREATE TABLE IF NOT EXISTS signalwire_campaign_items (
    campaign_id TEXT NOT NULL,
    item_id TEXT NOT NULL,
    position INTEGER NOT NULL,
    request TEXT NOT NULL,
    state_tag TEXT NOT NULL,
    state TEXT NOT NULL,
    call_sid TEXT,
    updated_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, item_id)
  )`
  ], { discard: true })
  // Several runners start at once on one PostgreSQL, where two concurrent CREATE TABLE IF NOT EXISTS
  // of the same table can fail (a unique violation in pg_type): the first takes a lock, the others
  // wait for it and then find the tables.
  yield* sql.onDialectOrElse({
    pg: () => sql.withTransaction(Effect.zipRight(sql`SELECT pg_advisory_xact_lock(${schemaLockKey})`, createTables)),
    orElse: () => createTables
  })

  const now = Effect.clockWith((clock) => clock.currentTimeMillis)

  const campaign = (campaignId: string) =>
    Effect.map(
      sql<{ options: string; item_count: unknown; created_at: unknown }>`SELECT options, item_count, created_at FROM signalwire_campaigns WHERE campaign_id = ${campaignId}`,
      (rows) =>
        Option.map(Option.fromNullable(rows[0]), (row): CampaignRecord => ({
          campaignId,
          options: decodeOptions(row.options),
          itemCount: toNumber(row.item_count),
          createdAt: toNumber(row.created_at)
        }))
    )

  const register: Service["register"] = (campaignId, options, items) =>
    Effect.gen(function*() {
      const at = yield* now
      const encoded = yield* Effect.forEach(items, (item) => Effect.orDie(encodeRequest(item.request)))
      yield* sql.withTransaction(Effect.gen(function*() {
        yield* sql`INSERT INTO signalwire_campaigns (campaign_id, options, item_count, created_at)
          VALUES (${campaignId}, ${encodeOptions(options)}, ${items.length}, ${at})
          ON CONFLICT (campaign_id) DO NOTHING`
        // A few hundred rows per statement keeps under SQLite's bound-parameter limit.
        for (let start = 0; start < items.length; start += 200) {
          const rows = items.slice(start, start + 200).map((item, index) => ({
            campaign_id: campaignId,
            item_id: item.id,
            position: start + index,
            request: encoded[start + index]!,
            state_tag: "Pending",
            state: pending,
            updated_at: at
          }))
          yield* sql`INSERT INTO signalwire_campaign_items ${sql.insert(rows)} ON CONFLICT (campaign_id, item_id) DO NOTHING`
        }
      }))
      return Option.getOrThrow(yield* campaign(campaignId))
    })

  const itemIds: Service["itemIds"] = (campaignId) =>
    Effect.map(
      sql<{ item_id: string }>`SELECT item_id FROM signalwire_campaign_items WHERE campaign_id = ${campaignId} ORDER BY position`,
      (rows) => rows.map((row) => row.item_id as CampaignItem.ItemId)
    )

  const item: Service["item"] = (campaignId, itemId) =>
    Effect.flatMap(
      sql<{ request: string; state: string }>`SELECT request, state FROM signalwire_campaign_items WHERE campaign_id = ${campaignId} AND item_id = ${itemId}`,
      (rows) =>
        rows[0] === undefined ? Effect.succeedNone : Effect.map(
          Effect.orDie(decodeRequest(rows[0].request)),
          (request) => Option.some({ id: itemId as CampaignItem.ItemId, request, state: decodeState(rows[0]!.state) })
        )
    )

  const claim: Service["claim"] = (campaignId, itemId, sentAt) =>
    Effect.gen(function*() {
      const current = yield* item(campaignId, itemId)
      if (Option.isNone(current) || current.value.state._tag !== "Pending") return Option.none()
      const attempts = current.value.state.attempts + 1
      const state: CampaignItem.ItemState = { _tag: "Sending", sentAt, attempts }
      const at = yield* now
      const rows = yield* sql`UPDATE signalwire_campaign_items
        SET state_tag = 'Sending', state = ${encodeState(state)}, updated_at = ${at}
        WHERE campaign_id = ${campaignId} AND item_id = ${itemId} AND state_tag = 'Pending'
        RETURNING item_id`
      return rows.length === 1 ? Option.some(state) : Option.none()
    })

  const release: Service["release"] = (campaignId, itemId) =>
    Effect.gen(function*() {
      const current = yield* item(campaignId, itemId)
      if (Option.isNone(current) || current.value.state._tag !== "Sending") return
      const state = encodeState({ _tag: "Pending", attempts: current.value.state.attempts })
      const at = yield* now
      yield* sql`UPDATE signalwire_campaign_items SET state_tag = 'Pending', state = ${state}, updated_at = ${at}
        WHERE campaign_id = ${campaignId} AND item_id = ${itemId} AND state_tag = 'Sending'`
    })

  const settle: Service["settle"] = (campaignId, itemId, outcome) =>
    Effect.gen(function*() {
      const at = yield* now
      const sid = outcome._tag === "Placed" ? outcome.sid : null
      const rows = yield* sql`UPDATE signalwire_campaign_items
        SET state_tag = ${outcome._tag}, state = ${encodeState(outcome)}, call_sid = ${sid}, updated_at = ${at}
        WHERE campaign_id = ${campaignId} AND item_id = ${itemId} AND state_tag IN ('Pending', 'Sending')
        RETURNING item_id`
      if (rows.length === 1) return outcome
      // Already settled by an earlier execution: that outcome stands.
      const current = yield* item(campaignId, itemId)
      return Option.isSome(current) && CampaignItem.isSettled(current.value.state) ? current.value.state : outcome
    })

  const statuses: Service["statuses"] = (campaignId) =>
    Effect.map(
      sql<{ item_id: string; position: unknown; state: string; updated_at: unknown }>`SELECT item_id, position, state, updated_at FROM signalwire_campaign_items WHERE campaign_id = ${campaignId} ORDER BY position`,
      (rows) =>
        rows.map((row): CampaignItem.ItemStatus => ({
          id: row.item_id,
          position: toNumber(row.position),
          state: decodeState(row.state),
          updatedAt: toNumber(row.updated_at)
        }))
    )

  return { register, campaign, itemIds, item, claim, release, settle, statuses }
})

/**
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<CampaignStore, SqlError.SqlError, SqlClient.SqlClient> = Layer.effect(CampaignStore, make)
