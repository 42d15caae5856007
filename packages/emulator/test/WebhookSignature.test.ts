import { describe, expect, it } from "@effect/vitest"
import { WebhookSignature } from "@effect-signalwire/emulator"
import { RestClient } from "@signalwire/compatibility-api"
import * as fc from "effect/FastCheck"
import * as Redacted from "effect/Redacted"
import { createHmac } from "node:crypto"

const url = "https://app.example.com/status?app=1"
const params = [["CallStatus", "ringing"], ["CallSid", "b3877c40-da60-4998-90ad-b792e98472ca"], ["AccountSid", "b3877c40-da60-4998-90ad-b792e98472af"]] as const

describe("WebhookSignature", () => {
  it("is the HMAC-SHA1 of the URL then each field's name and value, sorted by name, base64", () => {
    const expected = createHmac("sha1", "PSkey")
      .update(`${url}AccountSidb3877c40-da60-4998-90ad-b792e98472afCallSidb3877c40-da60-4998-90ad-b792e98472caCallStatusringing`)
      .digest("base64")
    expect(WebhookSignature.sign({ url, params, key: "PSkey" })).toBe(expected)
    expect(WebhookSignature.sign({ url, params, key: Redacted.make("PSkey") })).toBe(expected)
  })

  it("verify accepts the signature and nothing else", () => {
    const signature = WebhookSignature.sign({ url, params, key: "PSkey" })
    expect(WebhookSignature.verify({ url, params, key: "PSkey", signature })).toBe(true)
    expect(WebhookSignature.verify({ url, params, key: "PSother", signature })).toBe(false)
    expect(WebhookSignature.verify({ url: `${url}&x=1`, params, key: "PSkey", signature })).toBe(false)
    expect(WebhookSignature.verify({ url, params: [...params, ["To", "+1"]], key: "PSkey", signature })).toBe(false)
    expect(WebhookSignature.verify({ url, params, key: "PSkey", signature: signature.slice(1) })).toBe(false)
    expect(WebhookSignature.verify({ url, params, key: "PSkey", signature: "" })).toBe(false)
  })

  it.prop(
    "the official SDK's validateRequest accepts every signature",
    {
      // As a receiver reads it back (the SDK re-parses the URL: "http://a.b" is "http://a.b/").
      url: fc.webUrl({ withQueryParameters: true }).map((url) => new URL(url).href),
      fields: fc.dictionary(fc.string({ minLength: 1 }), fc.string(), { noNullPrototype: true }),
      key: fc.string({ minLength: 1 })
    },
    ({ fields, key, url }) => {
      const signature = WebhookSignature.sign({ url, params: Object.entries(fields), key })
      expect(RestClient.validateRequest(key, signature, url, fields)).toBe(true)
    }
  )
})
