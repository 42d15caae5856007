/**
 * The filters of "List all Calls" (`GET /Accounts/{AccountSid}/Calls`), typed, and their query
 * parameters: `To`, `From`, `Status`, `ParentCallSid`, and `StartTime` / `EndTime` with the
 * API's three comparisons:
 *
 * | filter | query parameter | matches calls that |
 * | --- | --- | --- |
 * | `startTime: { on: d }` | `StartTime=d` | started on that day (a `YYYY-MM-DD` day) or second (a `Date`) |
 * | `startTime: { before: d }` | `StartTime<=d` | started on or before it |
 * | `startTime: { after: d }` | `StartTime>=d` | started on or after it |
 *
 * (and the same for `endTime`). A `Date` goes on the wire as an ISO 8601 date-time to the
 * second in UTC (`2024-05-01T12:00:00Z`), as the official SDK sends it; a `YYYY-MM-DD` string
 * as it is, a whole UTC day.
 *
 * @since 0.1.0
 */
import * as Schema from "effect/Schema"
import { issuedBy } from "./Sid.js"
import { integerBetween, oneOf, violatesAll } from "./internal/rules.js"

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/

const isCalendarDay = (s: string) => {
  const match = dayPattern.exec(s)
  if (match === null) return false
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
  return date.toISOString().slice(0, 10) === s
}

/**
 * A whole UTC day, `YYYY-MM-DD`.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(ListCallsFilter.Day)("2024-05-01"), true)
 * assert.strictEqual(Schema.is(ListCallsFilter.Day)("2024-02-30"), false)
 * ```
 */
export const Day = Schema.String.pipe(
  Schema.filter(isCalendarDay, {
    message: violatesAll("a day as YYYY-MM-DD (e.g. 2024-05-01)"),
    arbitrary: () => (fc) =>
      fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10))
  }),
  Schema.annotations({ identifier: "Day" })
)

/**
 * A moment to compare a call's start or end time with: a `Date` (to the second) or a whole UTC
 * day (`YYYY-MM-DD`).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(ListCallsFilter.Moment)("2024-05-01"), true)
 * assert.strictEqual(Schema.is(ListCallsFilter.Moment)(new Date("2024-05-01T12:00:00Z")), true)
 * ```
 */
export const Moment = Schema.Union(
  Schema.ValidDateFromSelf.annotations({
    message: violatesAll("a valid Date or a day as YYYY-MM-DD"),
    arbitrary: () => (fc) =>
      fc.date({ min: new Date("2000-01-01T00:00:00Z"), max: new Date("2099-12-31T00:00:00Z"), noInvalidDate: true })
  }),
  Day
).annotations({ identifier: "Moment", message: violatesAll("a valid Date or a day as YYYY-MM-DD (e.g. 2024-05-01)") })

/**
 * @since 0.1.0
 * @category models
 */
export type Moment = typeof Moment.Type

const optional = <S extends Schema.Schema.All>(schema: S) => Schema.optionalWith(schema, { exact: true })

/**
 * `on`, `before` (on or before) and `after` (on or after); given together, all must hold.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(ListCallsFilter.TimeRange)({ after: "2024-05-01", before: "2024-05-31" }), true)
 * ```
 */
export const TimeRange = Schema.Struct({
  on: optional(Moment),
  before: optional(Moment),
  after: optional(Moment)
}).annotations({ identifier: "TimeRange" })

/**
 * @since 0.1.0
 * @category models
 */
export type TimeRange = typeof TimeRange.Type

/**
 * The statuses the list can filter on.
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(ListCallsFilter.ListedStatus)("completed"), true)
 * assert.strictEqual(Schema.is(ListCallsFilter.ListedStatus)("initiated"), false)
 * ```
 */
export const ListedStatus = oneOf("queued", "ringing", "in-progress", "canceled", "completed", "busy", "failed", "no-answer")
  .annotations({ identifier: "ListedStatus" })

const Address = Schema.String.pipe(
  Schema.filter((s) => s.trim() !== "" && s.length <= 256, {
    message: violatesAll("a non-empty address (a phone number, a SIP URI or a client name)")
  })
)

/**
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * const filter = Schema.decodeUnknownSync(ListCallsFilter.ListCallsFilter)({ status: "busy", startTime: { on: "2024-05-01" } })
 * assert.deepStrictEqual(ListCallsFilter.toQueryParams(filter), [["Status", "busy"], ["StartTime", "2024-05-01"]])
 * ```
 */
export const ListCallsFilter = Schema.Struct({
  to: optional(Address),
  from: optional(Address),
  status: optional(ListedStatus),
  parentCallSid: optional(issuedBy("CallSid")),
  startTime: optional(TimeRange),
  endTime: optional(TimeRange)
}).annotations({ identifier: "ListCallsFilter", description: "a List Calls filter" })

/**
 * @since 0.1.0
 * @category models
 */
export type ListCallsFilter = typeof ListCallsFilter.Type

/**
 * @since 0.1.0
 */
export declare namespace ListCallsFilter {
  /**
   * The plain input.
   *
   * @since 0.1.0
   * @category models
   */
  export type Encoded = typeof ListCallsFilter.Encoded
}

/**
 * How many calls a page holds: 1 to 1000 (SignalWire's default is 50).
 *
 * @since 0.1.0
 * @category schemas
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 * import * as Schema from "effect/Schema"
 *
 * assert.strictEqual(Schema.is(ListCallsFilter.PageSize)(50), true)
 * assert.strictEqual(Schema.is(ListCallsFilter.PageSize)(1001), false)
 * ```
 */
export const PageSize = integerBetween(1, 1000).annotations({ identifier: "PageSize" })

/**
 * Decodes plain input, failing with a `ParseError` that lists every broken rule.
 *
 * @since 0.1.0
 * @category decoding
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 * import * as Effect from "effect/Effect"
 * import * as Either from "effect/Either"
 *
 * const filter = Effect.runSync(Effect.either(ListCallsFilter.decode({ status: "ringing" })))
 * assert.strictEqual(Either.isRight(filter), true)
 * // An unknown key is an error, not silently dropped.
 * assert.strictEqual(Either.isLeft(Effect.runSync(Effect.either(ListCallsFilter.decode({ Status: "ringing" })))), true)
 * ```
 */
export const decode = Schema.decodeUnknown(ListCallsFilter, { errors: "all", onExcessProperty: "error" })

/**
 * A moment as the query writes it: a day as it is, a `Date` as `YYYY-MM-DDTHH:mm:ssZ`.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 *
 * assert.strictEqual(ListCallsFilter.formatMoment("2024-05-01"), "2024-05-01")
 * assert.strictEqual(ListCallsFilter.formatMoment(new Date("2024-05-01T12:30:45.678Z")), "2024-05-01T12:30:45Z")
 * ```
 */
export const formatMoment = (moment: Moment): string =>
  typeof moment === "string" ? moment : `${moment.toISOString().slice(0, 19)}Z`

const timeParams = (name: "StartTime" | "EndTime", range: TimeRange | undefined): Array<readonly [string, string]> =>
  range === undefined ? [] : [
    ...(range.on !== undefined ? [[name, formatMoment(range.on)] as const] : []),
    ...(range.before !== undefined ? [[`${name}<`, formatMoment(range.before)] as const] : []),
    ...(range.after !== undefined ? [[`${name}>`, formatMoment(range.after)] as const] : [])
  ]

/**
 * The query parameters of a valid filter, in the reference's names.
 *
 * @since 0.1.0
 * @category encoding
 * @example
 * ```ts
 * import { ListCallsFilter } from "@effect-signalwire/schema"
 *
 * assert.deepStrictEqual(
 *   ListCallsFilter.toQueryParams({ to: "+13105678901", startTime: { after: "2024-05-01" } }),
 *   [["To", "+13105678901"], ["StartTime>", "2024-05-01"]]
 * )
 * ```
 */
export const toQueryParams = (filter: ListCallsFilter): ReadonlyArray<readonly [string, string]> => [
  ...(filter.to !== undefined ? [["To", filter.to] as const] : []),
  ...(filter.from !== undefined ? [["From", filter.from] as const] : []),
  ...(filter.status !== undefined ? [["Status", filter.status] as const] : []),
  ...(filter.parentCallSid !== undefined ? [["ParentCallSid", filter.parentCallSid] as const] : []),
  ...timeParams("StartTime", filter.startTime),
  ...timeParams("EndTime", filter.endTime)
]
