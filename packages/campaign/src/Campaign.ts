/**
 * Run a call campaign: register its items, start its durable workflow, follow its progress and
 * read its report. Works the same on one process with SQLite and on several runners sharing
 * PostgreSQL (see `CampaignRunner`): everything here goes through the `WorkflowEngine` and the
 * `CampaignStore` in context.
 *
 * Running the same campaign id again is how a campaign resumes: the items already recorded keep
 * their states, the workflow picks up where it was, nothing placed is placed again.
 *
 * @since 0.1.0
 */
import type { WorkflowEngine } from "@effect/workflow/WorkflowEngine"
import type * as SqlError from "@effect/sql/SqlError"
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as ParseResult from "effect/ParseResult"
import * as Schedule from "effect/Schedule"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import * as CampaignItem from "./CampaignItem.js"
import * as CampaignOptions from "./CampaignOptions.js"
import * as CampaignStore from "./CampaignStore.js"
import * as CampaignWorkflow from "./CampaignWorkflow.js"

/**
 * The campaign's definition does not hold: `detail` names the field and the rule. Nothing was
 * recorded or sent.
 *
 * @since 0.1.0
 * @category errors
 */
export class InvalidCampaign extends Schema.TaggedError<InvalidCampaign>()("InvalidCampaign", {
  detail: Schema.String
}) {
  override get message(): string {
    return `Invalid campaign: ${this.detail}`
  }
}

/**
 * No campaign of that id is recorded in the store.
 *
 * @since 0.1.0
 * @category errors
 */
export class CampaignNotFound extends Schema.TaggedError<CampaignNotFound>()("CampaignNotFound", {
  campaignId: Schema.String
}) {
  override get message(): string {
    return `No campaign ${JSON.stringify(this.campaignId)} in the store`
  }
}

/**
 * The campaign's database could not be read or written.
 *
 * @since 0.1.0
 * @category errors
 */
export class StorageFailed extends Schema.TaggedError<StorageFailed>()("StorageFailed", {
  detail: Schema.String
}) {
  override get message(): string {
    return `The campaign store failed: ${this.detail}`
  }
}

const storage = <A, R>(effect: Effect.Effect<A, SqlError.SqlError, R>): Effect.Effect<A, StorageFailed, R> =>
  Effect.mapError(effect, (error) => new StorageFailed({ detail: error.message }))

/**
 * A campaign to run: its id (the key to resume it), its items and its options.
 *
 * @since 0.1.0
 * @category models
 */
export interface Definition {
  readonly campaignId: string
  readonly items: ReadonlyArray<CampaignItem.CampaignItem | Schema.Schema.Encoded<typeof CampaignItem.CampaignItem>>
  readonly options: CampaignOptions.CampaignOptionsInput
}

const decodeItems = Schema.decodeUnknown(Schema.Array(CampaignItem.CampaignItem))
const decodeOptions = Schema.decodeUnknown(CampaignOptions.CampaignOptions)

const firstIssue = (prefix: string, error: ParseResult.ParseError): string => {
  const issue = ParseResult.ArrayFormatter.formatErrorSync(error)[0]
  if (issue === undefined) return `${prefix}: ${error.message}`
  const path = issue.path.map((part) => typeof part === "number" ? `[${part}]` : `.${String(part)}`).join("")
  return `${prefix}${path}: ${issue.message}`
}

/**
 * Checks a definition: a non-empty campaign id, valid options, every item valid (its request as
 * `createCall` would check it), item ids unique.
 *
 * @since 0.1.0
 * @category validation
 */
export const validate = (definition: Definition): Effect.Effect<
  { readonly campaignId: string; readonly items: ReadonlyArray<CampaignItem.CampaignItem>; readonly options: CampaignOptions.CampaignOptions },
  InvalidCampaign
> =>
  Effect.gen(function*() {
    if (definition.campaignId.trim().length === 0) {
      return yield* new InvalidCampaign({ detail: "campaignId: must be a non-empty id" })
    }
    const options = yield* Effect.mapError(
      decodeOptions(definition.options),
      (error) => new InvalidCampaign({ detail: firstIssue("options", error) })
    )
    if (options.notBefore !== undefined && options.notAfter !== undefined && options.notAfter <= options.notBefore) {
      return yield* new InvalidCampaign({ detail: "options.notAfter: must be after notBefore" })
    }
    const items = yield* Effect.mapError(
      decodeItems(definition.items),
      (error) => new InvalidCampaign({ detail: firstIssue("items", error) })
    )
    const seen = new Set<string>()
    for (const [index, item] of items.entries()) {
      if (seen.has(item.id)) {
        return yield* new InvalidCampaign({ detail: `items[${index}].id: must be unique (${JSON.stringify(item.id)} repeats)` })
      }
      seen.add(item.id)
    }
    return { campaignId: definition.campaignId, items, options }
  })

/**
 * Validates and records the campaign (a campaign already recorded keeps its items, options and
 * states: a re-run resumes it as first defined), then starts its workflow without waiting for
 * it. Safe to call again: that is how a campaign resumes.
 *
 * @since 0.1.0
 * @category running
 */
export const start = Effect.fn("Campaign.start")(function*(definition: Definition) {
  const { campaignId, items, options } = yield* validate(definition)
  yield* Effect.annotateCurrentSpan({ campaignId, items: items.length })
  const store = yield* CampaignStore.CampaignStore
  const record = yield* storage(store.register(campaignId, options, items))
  yield* CampaignWorkflow.CampaignWorkflow.execute({ campaignId, options: record.options }, { discard: true })
  return record
})

/**
 * Starts (or resumes) the campaign and waits until every item is settled; returns the report.
 *
 * @since 0.1.0
 * @category running
 */
export const run = Effect.fn("Campaign.run")(function*(definition: Definition) {
  const record = yield* start(definition)
  yield* CampaignWorkflow.CampaignWorkflow.execute({ campaignId: record.campaignId, options: record.options })
  return yield* report(record.campaignId)
})

/**
 * Waits for a campaign started elsewhere (e.g. by another process) to finish; returns the report.
 *
 * @since 0.1.0
 * @category running
 */
export const await_ = Effect.fn("Campaign.await")(function*(campaignId: string) {
  const store = yield* CampaignStore.CampaignStore
  const record = yield* storage(store.campaign(campaignId))
  if (Option.isNone(record)) return yield* new CampaignNotFound({ campaignId })
  yield* CampaignWorkflow.CampaignWorkflow.execute({ campaignId, options: record.value.options })
  return yield* report(campaignId)
})

export {
  /**
   * @since 0.1.0
   * @category running
   */
  await_ as await
}

/**
 * How many items are in each state.
 *
 * @since 0.1.0
 * @category models
 */
export interface Counts {
  readonly total: number
  readonly pending: number
  readonly sending: number
  readonly placed: number
  readonly failed: number
  readonly unknown: number
}

const countsOf = (statuses: ReadonlyArray<CampaignItem.ItemStatus>): Counts => {
  const count = (tag: CampaignItem.ItemState["_tag"]) => statuses.filter((status) => status.state._tag === tag).length
  return {
    total: statuses.length,
    pending: count("Pending"),
    sending: count("Sending"),
    placed: count("Placed"),
    failed: count("Failed"),
    unknown: count("Unknown")
  }
}

/**
 * Every item with its state, in the campaign's order, while it runs or after.
 *
 * @since 0.1.0
 * @category state
 */
export const status = Effect.fn("Campaign.status")(function*(campaignId: string) {
  const store = yield* CampaignStore.CampaignStore
  const record = yield* storage(store.campaign(campaignId))
  if (Option.isNone(record)) return yield* new CampaignNotFound({ campaignId })
  const items = yield* storage(store.statuses(campaignId))
  return { campaignId, items, counts: countsOf(items) }
})

/**
 * The outcome of a campaign: each placed item with its call sid, each failed item with its
 * typed error's tag and message, each unknown item with the time its request was sent.
 *
 * @since 0.1.0
 * @category models
 */
export interface Report {
  readonly campaignId: string
  readonly counts: Counts
  readonly placed: ReadonlyArray<{ readonly id: string; readonly sid: string; readonly attempts: number; readonly reconciled: boolean }>
  readonly failed: ReadonlyArray<{ readonly id: string; readonly failure: CampaignItem.ItemFailure; readonly attempts: number }>
  readonly unknown: ReadonlyArray<{ readonly id: string; readonly failure: CampaignItem.ItemFailure; readonly sentAt: Date }>
}

/**
 * @since 0.1.0
 * @category state
 */
export const report = Effect.fn("Campaign.report")(function*(campaignId: string) {
  const { counts, items } = yield* status(campaignId)
  const result: {
    placed: Array<Report["placed"][number]>
    failed: Array<Report["failed"][number]>
    unknown: Array<Report["unknown"][number]>
  } = { placed: [], failed: [], unknown: [] }
  for (const { id, state } of items) {
    switch (state._tag) {
      case "Placed":
        result.placed.push({ id, sid: state.sid, attempts: state.attempts, reconciled: state.reconciled })
        break
      case "Failed":
        result.failed.push({ id, failure: state.failure, attempts: state.attempts })
        break
      case "Unknown":
        result.unknown.push({ id, failure: state.failure, sentAt: new Date(state.sentAt) })
        break
    }
  }
  return { campaignId, counts, ...result } satisfies Report as Report
})

/**
 * A step of a campaign's progress: the items whose state changed since the last event, and the
 * counts.
 *
 * @since 0.1.0
 * @category models
 */
export interface Progress {
  readonly counts: Counts
  readonly changed: ReadonlyArray<CampaignItem.ItemStatus>
  readonly done: boolean
}

/**
 * The campaign's progress as a `Stream`, read from the store every `interval` (default 250 ms,
 * so it sees every runner's work): one event with every item first, then one per change; it
 * ends after the event in which no item is pending or sending.
 *
 * @since 0.1.0
 * @category state
 */
export const progress = (
  campaignId: string,
  options?: { readonly interval?: Duration.DurationInput | undefined }
): Stream.Stream<Progress, CampaignNotFound | StorageFailed, CampaignStore.CampaignStore> =>
  Stream.suspend(() => {
    // What each item looked like at the last event, per run of the stream.
    const seen = new Map<string, string>()
    return Stream.repeatEffectWithSchedule(status(campaignId), Schedule.spaced(options?.interval ?? Duration.millis(250))).pipe(
      Stream.map(({ counts, items }): Progress => {
        const changed = items.filter((item) => {
          const key = `${item.state._tag}:${item.updatedAt}`
          if (seen.get(item.id) === key) return false
          seen.set(item.id, key)
          return true
        })
        return { counts, changed, done: counts.pending === 0 && counts.sending === 0 }
      }),
      Stream.filter((event) => event.changed.length > 0 || event.done),
      Stream.takeUntil((event) => event.done)
    )
  })

/**
 * @since 0.1.0
 * @category models
 */
export type Requirements = WorkflowEngine | CampaignStore.CampaignStore
