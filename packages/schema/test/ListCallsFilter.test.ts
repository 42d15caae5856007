import { describe, expect, it } from "@effect/vitest"
import { ListCallsFilter } from "@effect-signalwire/schema"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import { issuesOf } from "./utils.js"

const decode = Schema.decodeUnknownSync(ListCallsFilter.ListCallsFilter)

describe("ListCallsFilter", () => {
  it("writes every filter as the API's query parameters, in order", () => {
    const filter = decode({
      to: "+13105678901",
      from: "sip:alice@example.com",
      status: "no-answer",
      parentCallSid: "b3877c40-da60-4998-90ad-b792e98472ca",
      startTime: { on: "2024-05-01", before: new Date("2024-05-01T18:30:15.250Z"), after: new Date("2024-05-01T08:00:00Z") },
      endTime: { after: "2024-04-30" }
    })
    expect(ListCallsFilter.toQueryParams(filter)).toStrictEqual([
      ["To", "+13105678901"],
      ["From", "sip:alice@example.com"],
      ["Status", "no-answer"],
      ["ParentCallSid", "b3877c40-da60-4998-90ad-b792e98472ca"],
      ["StartTime", "2024-05-01"],
      ["StartTime<", "2024-05-01T18:30:15Z"],
      ["StartTime>", "2024-05-01T08:00:00Z"],
      ["EndTime>", "2024-04-30"]
    ])
    expect(ListCallsFilter.toQueryParams(decode({}))).toStrictEqual([])
  })

  it("states the rule of each bad value, by field", () => {
    expect(issuesOf(ListCallsFilter.ListCallsFilter, {
      to: "",
      status: "ended",
      startTime: { on: "2024-02-30", after: new Date("nope") },
      endTime: { before: "yesterday" }
    })).toStrictEqual([
      { path: ["to"], message: "must be a non-empty address (a phone number, a SIP URI or a client name) (got \"\")" },
      {
        path: ["status"],
        message: "must be one of \"queued\", \"ringing\", \"in-progress\", \"canceled\", \"completed\", \"busy\", \"failed\", \"no-answer\" (got \"ended\")"
      },
      { path: ["startTime", "on"], message: "must be a valid Date or a day as YYYY-MM-DD (e.g. 2024-05-01) (got \"2024-02-30\")" },
      { path: ["startTime", "after"], message: "must be a valid Date or a day as YYYY-MM-DD (e.g. 2024-05-01) (got Invalid Date)" },
      { path: ["endTime", "before"], message: "must be a valid Date or a day as YYYY-MM-DD (e.g. 2024-05-01) (got \"yesterday\")" }
    ])
  })

  it("refuses unknown keys through decode", () =>
    Effect.gen(function*() {
      const error = yield* Effect.flip(ListCallsFilter.decode({ too: "+13105678901" }))
      expect(error.message).toContain("too")
    }).pipe(Effect.runSync))

  it.prop("every parameter is one the API documents, every moment a day or a UTC date-time to the second", [ListCallsFilter.ListCallsFilter], ([filter]) => {
    for (const [name, value] of ListCallsFilter.toQueryParams(filter)) {
      expect(["To", "From", "Status", "ParentCallSid", "StartTime", "StartTime<", "StartTime>", "EndTime", "EndTime<", "EndTime>"]).toContain(name)
      if (name.startsWith("StartTime") || name.startsWith("EndTime")) {
        expect(value).toMatch(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}Z)?$/)
        expect(Number.isNaN(Date.parse(value))).toBe(false)
      }
    }
  })

  it("PageSize is an integer from 1 to 1000", () => {
    expect(issuesOf(ListCallsFilter.PageSize, 1000)).toStrictEqual([])
    expect(issuesOf(ListCallsFilter.PageSize, 0)[0]?.message).toBe("must be an integer from 1 to 1000 (got 0)")
    expect(issuesOf(ListCallsFilter.PageSize, 2.5)[0]?.message).toBe("must be an integer from 1 to 1000 (got 2.5)")
  })
})
