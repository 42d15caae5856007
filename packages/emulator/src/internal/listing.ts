/**
 * "List all Calls": the query's filters and paging, read (by the HTTP app: a `ListQuery`, or a
 * 400 answer) and applied as documented (the filter by the engine, the paging by the app).
 *
 * - `To`, `From`, `ParentCallSid`, `Status`: equal.
 * - `StartTime`, `EndTime` with `=`, `<` (on or before) and `>` (on or after): a day
 *   (`2024-05-01`, a whole UTC day) or a date-time (ISO 8601 or RFC 2822, to the second). A call
 *   without that time does not match.
 * - `Page` (from 0, default 0), `PageSize` (1-1000, default 50); `PageToken` is accepted and
 *   ignored. Links keep the filters.
 *
 * @internal
 */
import type { Call } from "@effect-signalwire/schema"
import { CallPage } from "@effect-signalwire/schema"
import * as Either from "effect/Either"
import type * as Emulator from "../Emulator.js"
import type { ErrorAnswer } from "./errors.js"
import { invalidParameter } from "./validation.js"

type Params = ReadonlyArray<readonly [string, string]>

type TimeFilter = Emulator.TimeFilter

/** The filter (for the engine), the page asked for, and the filters as sent (for the links). @internal */
export interface ListQuery {
  readonly filter: Emulator.ListFilter
  readonly page: number
  readonly pageSize: number
  readonly filters: Params
}

const day = 86_400_000
const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/

const timeFilter = (name: string, comparison: TimeFilter["comparison"], value: string): Either.Either<TimeFilter, ErrorAnswer> => {
  const dayMatch = dateOnly.exec(value)
  if (dayMatch !== null) {
    const first = Date.UTC(Number(dayMatch[1]), Number(dayMatch[2]) - 1, Number(dayMatch[3]))
    if (!Number.isNaN(first)) return Either.right({ comparison, first: new Date(first), last: new Date(first + day - 1) })
  }
  const instant = Date.parse(value)
  if (Number.isNaN(instant) || !/\d{4}/.test(value)) {
    return Either.left(invalidParameter(name, `must be a date (2024-05-01) or a date-time (ISO 8601 or RFC 2822) (got ${JSON.stringify(value)})`))
  }
  const second = Math.floor(instant / 1000) * 1000
  return Either.right({ comparison, first: new Date(second), last: new Date(second + 999) })
}

const integer = (name: string, value: string, min: number, max: number): Either.Either<number, ErrorAnswer> => {
  const n = /^\d+$/.test(value) ? Number(value) : Number.NaN
  return n >= min && n <= max
    ? Either.right(n)
    : Either.left(invalidParameter(name, `must be an integer from ${min} to ${max} (got ${JSON.stringify(value)})`))
}

// The statuses the list filter documents.
const statuses: ReadonlyArray<string> = ["queued", "ringing", "in-progress", "canceled", "completed", "busy", "failed", "no-answer"]

const equalFields = { To: "to", From: "from", ParentCallSid: "parentCallSid", Status: "status" } as const

/** @internal */
export const parse = (params: Params): Either.Either<ListQuery, ErrorAnswer> =>
  Either.gen(function*() {
    const equal: Array<readonly [(typeof equalFields)[keyof typeof equalFields], string]> = []
    const startTime: Array<TimeFilter> = []
    const endTime: Array<TimeFilter> = []
    const filters: Array<readonly [string, string]> = []
    let page = 0
    let pageSize = 50
    for (const [name, value] of params) {
      switch (name) {
        case "Page":
          page = yield* integer(name, value, 0, Number.MAX_SAFE_INTEGER)
          continue
        case "PageSize":
          pageSize = yield* integer(name, value, 1, 1000)
          continue
        case "PageToken":
          continue
        case "To":
        case "From":
        case "ParentCallSid":
        case "Status":
          if (name === "Status" && !statuses.includes(value)) {
            return yield* Either.left(
              invalidParameter(name, `must be one of ${statuses.map((s) => JSON.stringify(s)).join(", ")} (got ${JSON.stringify(value)})`)
            )
          }
          equal.push([equalFields[name], value])
          break
        default: {
          const time = /^(StartTime|EndTime)([<>]?)$/.exec(name)
          if (time === null) continue
          const filter = yield* timeFilter(name, (time[2] || "=") as TimeFilter["comparison"], value)
          ;(time[1] === "StartTime" ? startTime : endTime).push(filter)
        }
      }
      filters.push([name, value])
    }
    return { filter: { equal, startTime, endTime }, page, pageSize, filters }
  })

const timeMatches = (time: Date | null, filter: TimeFilter) => {
  if (time === null) return false
  const t = time.getTime()
  switch (filter.comparison) {
    case "=":
      return t >= filter.first.getTime() && t <= filter.last.getTime()
    case "<":
      return t <= filter.last.getTime()
    case ">":
      return t >= filter.first.getTime()
  }
}

/** @internal */
export const matches = (filter: Emulator.ListFilter) => (call: Call.Call): boolean =>
  (filter.equal ?? []).every(([field, value]) => call[field] === value) &&
  (filter.startTime ?? []).every((time) => timeMatches(call.startTime, time)) &&
  (filter.endTime ?? []).every((time) => timeMatches(call.endTime, time))

/**
 * The page of `calls` (already filtered, newest first) the query asks for.
 *
 * @internal
 */
export const page = (calls: ReadonlyArray<Call.Call>, query: ListQuery, path: string): CallPage.CallPage => {
  const uri = (page: number) =>
    `${path}?${new URLSearchParams([
      ...query.filters.map(([name, value]) => [name, value]),
      ["Page", String(page)],
      ["PageSize", String(query.pageSize)]
    ])}`
  const start = query.page * query.pageSize
  return new CallPage.CallPage({
    uri: uri(query.page),
    firstPageUri: uri(0),
    nextPageUri: start + query.pageSize < calls.length ? uri(query.page + 1) : null,
    previousPageUri: query.page > 0 ? uri(query.page - 1) : null,
    page: query.page,
    pageSize: query.pageSize,
    calls: calls.slice(start, start + query.pageSize)
  })
}
