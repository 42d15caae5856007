import { describe } from "@effect/vitest"
import { HttpMethod } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("HttpMethod", () => {
  primitiveTable("HttpMethod", HttpMethod.HttpMethod, {
    rule: "must be one of \"GET\", \"POST\"",
    valid: ["GET", "POST"],
    invalid: ["get", "post", "PUT", "DELETE", " GET", "", 1]
  })
})
