import { describe, expect, it } from "@effect/vitest"
import { PhoneNumber } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"

describe("PhoneNumber", () => {
  it.prop("accepts every generated E.164 number", [PhoneNumber.PhoneNumber], ([n]) => {
    expect(PhoneNumber.isPhoneNumber(n)).toBe(true)
  })
  it("rejects a leading zero", () => {
    expect(Schema.is(PhoneNumber.PhoneNumber)("+013105678901")).toBe(false)
  })
})
