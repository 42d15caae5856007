import { describe, expect, it } from "@effect/vitest"
import { CallStatus } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { issuesOf } from "./utils.js"

const decode = Schema.decodeUnknownSync(CallStatus.CallStatus)
const known = ["queued", "initiated", "ringing", "in-progress", "canceled", "completed", "busy", "failed", "no-answer"] as const

describe("CallStatus", () => {
  it.each(known.map((status) => [status]))("knows %j", (status) => {
    expect(decode(status)).toBe(status)
    expect(CallStatus.isKnownCallStatus(decode(status))).toBe(true)
  })

  it.each([["transferring"], ["In-Progress"], ["on-hold"]])("keeps the unknown %j, as unrecognized", (status) => {
    expect(decode(status)).toBe(status)
    expect(CallStatus.isKnownCallStatus(decode(status))).toBe(false)
  })

  // Liberal on purpose: a call that was created must not fail to decode over its status.
  it("keeps even an empty status, as unrecognized", () => {
    expect(CallStatus.isKnownCallStatus(decode(""))).toBe(false)
  })

  it.each([[null], [3], [undefined]])("rejects %j", (status) => {
    expect(issuesOf(CallStatus.CallStatus, status).length).toBeGreaterThan(0)
  })

  it("isFinal holds for the statuses after which a call changes no more", () => {
    expect(known.filter((status) => CallStatus.isFinal(status))).toStrictEqual(["canceled", "completed", "busy", "failed", "no-answer"])
    expect(CallStatus.isFinal(decode("transferring"))).toBe(false)
  })

  it.prop("generates known and unrecognized statuses that decode to themselves", [CallStatus.CallStatus], ([status]) => {
    expect(decode(status)).toBe(status)
    expect(CallStatus.isKnownCallStatus(status)).toBe((known as ReadonlyArray<string>).includes(status))
  })
})
