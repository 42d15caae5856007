/**
 * The options of a campaign. They travel in the workflow's payload, so they are plain data.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"

const positiveInt = (what: string) =>
  Schema.Int.pipe(Schema.positive({ message: () => `${what} must be a positive integer` }))

/**
 * - `callsPerSecond`: the rate for the whole cluster (every runner together), e.g. the
 *   project's limit at SignalWire.
 * - `pacingMarginMillis`: slack per second of slots, against jitter between a grant and the
 *   request's arrival (default 100: 20 calls/s are sent at about 18.2/s).
 * - `pacerKey`: runs with the same key share one pacer (default: the project id), so two
 *   campaigns of one project together stay under its limit.
 * - `maxAttempts`: how many times one item may be sent when SignalWire provably did not process
 *   it (429 after the client's own retries, a connection refused) or, with
 *   `resendWhenNotFound`, a lookup found nothing. Default 5.
 * - `reconcileGraceMillis`: how long to wait before looking up an ambiguous create, so that the
 *   list catches up with the create. Default 2000.
 * - `resendWhenNotFound`: send again when an ambiguous create is not found by the lookup.
 *   Default `false`: the item is reported `Unknown` (a list can lag behind a create).
 * - `notBefore` / `notAfter` (epoch milliseconds): the time window. Items not sent by
 *   `notAfter` fail with `WindowClosed`.
 * - `concurrency`: items in flight at once (waiting for a send slot or being placed). Default 50.
 *
 * @since 0.1.0
 * @category schemas
 */
export const CampaignOptions = Schema.Struct({
  callsPerSecond: Schema.Number.pipe(
    Schema.positive({ message: () => "callsPerSecond must be a positive number" }),
    Schema.lessThanOrEqualTo(1000, { message: () => "callsPerSecond must be at most 1000" })
  ),
  pacingMarginMillis: Schema.optionalWith(Schema.NonNegativeInt, { default: () => 100 }),
  pacerKey: Schema.optional(Schema.String),
  maxAttempts: Schema.optionalWith(positiveInt("maxAttempts"), { default: () => 5 }),
  reconcileGraceMillis: Schema.optionalWith(Schema.NonNegativeInt, { default: () => 2000 }),
  resendWhenNotFound: Schema.optionalWith(Schema.Boolean, { default: () => false }),
  notBefore: Schema.optional(Schema.NonNegativeInt),
  notAfter: Schema.optional(Schema.NonNegativeInt),
  concurrency: Schema.optionalWith(positiveInt("concurrency"), { default: () => 50 })
}).annotations({ identifier: "CampaignOptions" })

/**
 * @since 0.1.0
 * @category models
 */
export interface CampaignOptions extends Schema.Schema.Type<typeof CampaignOptions> {}

/**
 * @since 0.1.0
 * @category models
 */
export interface CampaignOptionsInput extends Schema.Schema.Encoded<typeof CampaignOptions> {}
