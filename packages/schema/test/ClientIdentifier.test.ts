import { describe, expect, it } from "@effect/vitest"
import { ClientIdentifier } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("ClientIdentifier", () => {
  primitiveTable("ClientIdentifier", ClientIdentifier.ClientIdentifier, {
    rule: "must be a client identifier: client: then 1-128 letters, digits, _ . @ or -",
    valid: ["client:alice", "client:a", "client:alice.smith@example-1_2", `client:${"a".repeat(128)}`],
    invalid: ["client:", "alice", "Client:alice", "client:ali ce", "client:alice!", `client:${"a".repeat(129)}`, "", undefined]
  })

  it.prop("accepts every generated identifier", [ClientIdentifier.ClientIdentifier], ([id]) => {
    expect(ClientIdentifier.isClientIdentifier(id)).toBe(true)
  })
})
