import { describe } from "@effect/vitest"
import { StatusCallbackEvent } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("StatusCallbackEvent", () => {
  primitiveTable("StatusCallbackEvent", StatusCallbackEvent.StatusCallbackEvent, {
    rule: "must be one of \"initiated\", \"ringing\", \"answered\", \"completed\", \"ringing_forwarded\", \"ringing_queued\"",
    // The Create a Call page's six values (Twilio documents only the first four).
    valid: ["initiated", "ringing", "answered", "completed", "ringing_forwarded", "ringing_queued"],
    invalid: ["in-progress", "Completed", "ringing-forwarded", "initiated ringing", "", null]
  })
})
