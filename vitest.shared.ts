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
    // Type-level tests (`expectTypeOf`, `@ts-expect-error`) live in `test/**/*.test-d.ts`: vitest
    // type-checks them (they never run) with a config that compiles the packages from source.
    typecheck: {
      enabled: true,
      include: ["test/**/*.test-d.ts"],
      tsconfig: new URL("./tsconfig.typecheck.json", import.meta.url).pathname
    },
    // Guards against a hang, not a measure of speed: on a loaded 2-core machine the slowest tests
    // (child processes, 300-run properties) took 15-20 s, so a tighter limit fails good code.
    // Tests that are about time use TestClock.
    testTimeout: 120_000,
    hookTimeout: 120_000
  }
}

export default config
