import { defineConfig, mergeConfig } from "vitest/config"
import shared from "../../vitest.shared.js"

// Its own run (`npm run test:runtimes`), not a workspace project: the whole vitest suite runs on
// several Nodes, the matrix once.
export default mergeConfig(shared, defineConfig({
  test: { include: ["test/runtimes/**/*.test.ts"], testTimeout: 60_000, hookTimeout: 60_000 }
}))
