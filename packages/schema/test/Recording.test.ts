import { describe } from "@effect/vitest"
import { Recording } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("Recording", () => {
  primitiveTable("RecordingChannels", Recording.RecordingChannels, {
    rule: "must be one of \"mono\", \"dual\"",
    valid: ["mono", "dual"],
    invalid: ["stereo", "Mono", "1", "", 2]
  })
  primitiveTable("RecordingTrack", Recording.RecordingTrack, {
    rule: "must be one of \"inbound\", \"outbound\", \"both\"",
    valid: ["inbound", "outbound", "both"],
    invalid: ["in", "Both", "all", ""]
  })
  primitiveTable("RecordingStatusCallbackEvent", Recording.RecordingStatusCallbackEvent, {
    rule: "must be one of \"completed\", \"in-progress\", \"absent\"",
    valid: ["completed", "in-progress", "absent"],
    invalid: ["in_progress", "initiated", "completed in-progress", ""]
  })
  primitiveTable("Trim", Recording.Trim, {
    rule: "must be one of \"trim-silence\", \"do-not-trim\"",
    valid: ["trim-silence", "do-not-trim"],
    invalid: ["trim", "true", "do_not_trim", ""]
  })
})
