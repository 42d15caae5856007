import { describe } from "@effect/vitest"
import { MachineDetection } from "@effect-signalwire/schema"
import { primitiveTable } from "./utils.js"

describe("MachineDetection", () => {
  primitiveTable("MachineDetection", MachineDetection.MachineDetection, {
    rule: "must be one of \"Enable\", \"DetectMessageEnd\", \"none\"",
    valid: ["Enable", "DetectMessageEnd", "none"],
    invalid: ["enable", "None", "detectMessageEnd", "true", "", false]
  })
})
