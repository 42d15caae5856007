import { describe, expect, it } from "@effect/vitest"
import { Call, UnreadableField } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"

describe("UnreadableField", () => {
  it("describe: one line, each field with its value as JSON, cut to 60 characters", () => {
    const fields = [
      new UnreadableField.UnreadableField({ field: "price", value: "" }),
      new UnreadableField.UnreadableField({ field: "subresource_uris", value: { recordings: 7 } }),
      new UnreadableField.UnreadableField({ field: "caller_name", value: "x".repeat(100) })
    ]
    expect(UnreadableField.describe(fields)).toBe(
      `price="", subresource_uris={"recordings":7}, caller_name="${"x".repeat(56)}...`
    )
    expect(UnreadableField.describe([])).toBe("")
  })

  it("is a value of the decoded call, never part of what is encoded", () => {
    const call = Schema.decodeUnknownSync(Call.Call)({
      sid: "CA1",
      account_sid: "AC1",
      date_created: "Wed, 19 Sep 2018 20:00:00 +0000",
      to: "+13105678901",
      from: "+13103384645",
      status: "queued",
      duration: "long"
    })
    expect(call.unreadable).toStrictEqual([new UnreadableField.UnreadableField({ field: "duration", value: "long" })])
    const json = Schema.encodeSync(Call.Call)(call)
    expect(Reflect.ownKeys(json).filter((key) => typeof key === "symbol")).toStrictEqual([])
    expect(json).not.toHaveProperty("unreadable")
  })
})
