import type { ViteUserConfig } from "vitest/config"

// Workspace packages resolve to their TypeScript source through this export condition,
// so tests run against `src/` without path aliases or a build step.
const conditions = ["@effect-signalwire/source", "import", "module", "node", "default"]

const config: ViteUserConfig = {
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    setupFiles: [new URL("./vitest.setup.ts", import.meta.url).pathname],
    include: ["test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
}

export default config
