import { describe, expect, it } from "@effect/vitest"
import { WebhookUrl } from "@effect-signalwire/schema"
import * as Schema from "effect/Schema"
import { primitiveTable } from "./utils.js"

describe("WebhookUrl", () => {
  primitiveTable("WebhookUrl", WebhookUrl.WebhookUrl, {
    rule: "must be an absolute http: or https: URL",
    valid: [
      "https://example.com/voice.xml",
      "http://example.com",
      "https://example.com:8443/a/b?c=1&d=2#e",
      "http://127.0.0.1:3000/status",
      "https://user:pass@example.com/x"
    ],
    invalid: [
      "example.com/voice.xml", // relative
      "/voice.xml",
      "ftp://example.com/voice.xml",
      "mailto:alice@example.com",
      "https://",
      "https:///voice.xml", // the WHATWG parser would "repair" these two, but they are sent as written
      "http:/example.com/voice.xml",
      "https://example.com/a b",
      " https://example.com", // surrounding white space
      "https://example.com ",
      `https://example.com/${"a".repeat(4100)}`,
      "",
      null
    ]
  })

  it.prop("accepts every generated URL", [WebhookUrl.WebhookUrl], ([url]) => {
    expect(Schema.is(WebhookUrl.WebhookUrl)(url)).toBe(true)
    expect(new URL(url).protocol).toMatch(/^https?:$/)
  })
})
