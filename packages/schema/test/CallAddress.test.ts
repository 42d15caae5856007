import { describe, expect, it } from "@effect/vitest"
import { CallAddress, ClientIdentifier, PhoneNumber, SipUri } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("CallAddress", () => {
  primitiveTable("CallAddress", CallAddress.CallAddress, {
    // One message naming all three forms, not one per union member.
    rule: "must be an E.164 phone number (+13105678901), a SIP URI (sip:alice@example.com) or a client identifier (client:alice)",
    valid: ["+13105678901", "sip:alice@example.com", "sips:bob@example.com:5061", "client:alice"],
    invalid: ["13105678901", "alice@example.com", "client:", "mailto:alice@example.com", "", 13105678901, {}]
  })

  it("tells the three forms apart with their guards", () => {
    expect([PhoneNumber.isPhoneNumber, SipUri.isSipUri, ClientIdentifier.isClientIdentifier].map((is) => is("+13105678901")))
      .toStrictEqual([true, false, false])
    expect([PhoneNumber.isPhoneNumber, SipUri.isSipUri, ClientIdentifier.isClientIdentifier].map((is) => is("sip:a@b.com")))
      .toStrictEqual([false, true, false])
    expect([PhoneNumber.isPhoneNumber, SipUri.isSipUri, ClientIdentifier.isClientIdentifier].map((is) => is("client:a")))
      .toStrictEqual([false, false, true])
  })

  it.prop("accepts every generated address", [CallAddress.CallAddress], ([address]) => {
    expect(CallAddress.isCallAddress(address)).toBe(true)
  })
})
