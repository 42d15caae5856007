import { defineProject, mergeConfig } from "vitest/config"
import shared from "../vitest.shared.js"

// Tests that span packages: our client against the emulator, `npm start`, the official SDK against
// the emulator, the guides' examples. Only the files at this level: test/runtimes is its own run.
export default mergeConfig(shared, defineProject({ test: { name: "integration", include: ["*.test.ts"] } }))
