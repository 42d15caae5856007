/**
 * The durable workflows of a campaign, on `@effect/workflow`:
 *
 * - `CampaignWorkflow` (one per campaign id) loads the item ids once (an activity, so a replay
 *   sees the same list) and runs one `CallWorkflow` per item, `concurrency` at a time.
 * - `CallWorkflow` (one per campaign id and item id) runs the `PlaceCall` activity. Being its
 *   own workflow, each item is sharded across the cluster's runners.
 *
 * `PlaceCall` places the call exactly once or reports why not. The store records `sending`
 * (with the time) before the request leaves, so an activity replayed after a crash at any point
 * finds either a settled outcome (returned as it is) or `sending`, and then reconciles through
 * `CallLookup` before anything else: one matching call is the item's call; none found is
 * reported `Unknown` (or sent again with `resendWhenNotFound`); it never sends on a guess.
 *
 * @since 0.1.0
 */
import * as Activity from "@effect/workflow/Activity"
import * as Workflow from "@effect/workflow/Workflow"
import type { WorkflowEngine } from "@effect/workflow/WorkflowEngine"
import * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Schema from "effect/Schema"
import * as CallLookup from "./CallLookup.js"
import * as CampaignItem from "./CampaignItem.js"
import { CampaignOptions } from "./CampaignOptions.js"
import * as CampaignPacer from "./CampaignPacer.js"
import * as CampaignStore from "./CampaignStore.js"
import * as internal from "./internal/placeCall.js"

/**
 * How many items ended in each outcome.
 *
 * @since 0.1.0
 * @category schemas
 */
export const Totals = Schema.Struct({
  placed: Schema.Int,
  failed: Schema.Int,
  unknown: Schema.Int
}).annotations({ identifier: "Totals" })

/**
 * @since 0.1.0
 * @category models
 */
export interface Totals extends Schema.Schema.Type<typeof Totals> {}

/**
 * @since 0.1.0
 * @category workflows
 */
export const CallWorkflow = Workflow.make({
  name: "SignalWireCampaignCall",
  payload: { campaignId: Schema.String, itemId: Schema.String, options: CampaignOptions },
  success: CampaignItem.ItemOutcome,
  idempotencyKey: ({ campaignId, itemId }) => `${campaignId}/${itemId}`
})

/**
 * @since 0.1.0
 * @category workflows
 */
export const CampaignWorkflow = Workflow.make({
  name: "SignalWireCampaign",
  payload: { campaignId: Schema.String, options: CampaignOptions },
  success: Totals,
  idempotencyKey: ({ campaignId }) => campaignId
})

/**
 * What the workflows need on every runner.
 *
 * @since 0.1.0
 * @category models
 */
export type Requirements =
  | CampaignStore.CampaignStore
  | CampaignPacer.CampaignPacer
  | CallLookup.CallLookup
  | SignalWireClient.SignalWireClient

/**
 * Registers both workflows with the `WorkflowEngine` (every runner provides this layer).
 *
 * @since 0.1.0
 * @category layers
 */
export const layer: Layer.Layer<never, never, WorkflowEngine | Requirements> = Layer.mergeAll(
  CallWorkflow.toLayer(({ campaignId, itemId, options }) =>
    Activity.make({
      name: "PlaceCall",
      success: CampaignItem.ItemOutcome,
      execute: internal.placeCall(campaignId, itemId, options)
    })
  ),
  CampaignWorkflow.toLayer(({ campaignId, options }) =>
    Effect.gen(function*() {
      const itemIds = yield* Activity.make({
        name: "LoadItems",
        success: Schema.Array(Schema.String),
        execute: Effect.flatMap(CampaignStore.CampaignStore, (store) => Effect.orDie(store.itemIds(campaignId)))
      })
      const outcomes = yield* Effect.forEach(
        itemIds,
        (itemId) => CallWorkflow.execute({ campaignId, itemId, options }),
        { concurrency: options.concurrency }
      )
      return {
        placed: outcomes.filter((outcome) => outcome._tag === "Placed").length,
        failed: outcomes.filter((outcome) => outcome._tag === "Failed").length,
        unknown: outcomes.filter((outcome) => outcome._tag === "Unknown").length
      }
    })
  )
)
