import { describe, expect, it } from "@effect/vitest"
import { SipUri } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("SipUri", () => {
  primitiveTable("SipUri", SipUri.SipUri, {
    rule: "must be a SIP URI: sip: or sips:, optional user@, a host",
    valid: [
      "sip:alice@example.com",
      "sips:alice@example.com",
      "sip:example.com", // no user part
      "sip:alice@example.com:5060",
      "sip:alice:secret@example.com",
      "sip:+13105678901@sip.example.com;user=phone",
      "sip:alice@example.com;transport=tls?X-Ref=1",
      "sip:alice@example.com;transport=tcp;lr",
      "sip:alice@192.168.1.10:5080",
      "sip:alice@[2001:db8::1]"
    ],
    invalid: [
      "alice@example.com", // no scheme
      "tel:+13105678901",
      "http://example.com",
      "sip:",
      "sip:alice@",
      "sip:@example.com",
      "sip:alice@exa mple.com",
      "sip:alice@-example.com",
      "sip:alice@example.com:port",
      "",
      42
    ]
  })

  it.prop("accepts every generated URI", [SipUri.SipUri], ([uri]) => {
    expect(SipUri.isSipUri(uri)).toBe(true)
  })
})
