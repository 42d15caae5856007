import { describe, expect, it } from "@effect/vitest"
import { MaxPrice } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { issuesOf } from "./utils.js"

const rule = "must be a price in USD with at most 4 decimals, e.g. \"0.05\""

describe("MaxPrice", () => {
  it.each([["0.05"], ["1"], ["1."], ["10.1234"], ["0"], ["0000.5"], ["123456"]])("accepts the string %j as it is", (price) => {
    expect(Schema.decodeUnknownSync(MaxPrice.MaxPrice)(price)).toBe(price)
  })

  // An older spec typed MaxPricePerMinute as a float: numbers are accepted and sent in decimal.
  it.each([[0.05, "0.05"], [2, "2"], [0.1234, "0.1234"], [0, "0"]])("accepts the number %j as %j", (price, text) => {
    expect(Schema.decodeUnknownSync(MaxPrice.MaxPrice)(price)).toBe(text)
  })

  it.each([["1.23456"], ["-1"], [".5"], ["1,5"], ["abc"], ["1e3"], [""], [" 1"], [-1], [0.00001], [1e21], [Number.NaN], [null]])(
    "rejects %j with one message stating the rule",
    (price) => {
      expect(issuesOf(MaxPrice.MaxPrice, price)).toStrictEqual([{ path: [], message: expect.stringContaining(rule) }])
    }
  )

  it("encodes to the string form", () => {
    const price = Schema.decodeUnknownSync(MaxPrice.MaxPrice)(0.05)
    expect(Schema.encodeSync(MaxPrice.MaxPrice)(price)).toBe("0.05")
  })

  it.prop("accepts every generated price and encodes it unchanged", [MaxPrice.MaxPrice], ([price]) => {
    expect(price).toMatch(/^\d+\.?\d{0,4}$/)
    expect(Schema.encodeSync(MaxPrice.MaxPrice)(price)).toBe(price)
  })
})
