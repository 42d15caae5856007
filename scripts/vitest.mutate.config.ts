/**
 * The vitest configuration Stryker runs the tests with (`npm run mutate`), never `npm test`.
 *
 * Stryker copies the repository into a sandbox and mutates the copy. The workspace packages
 * normally resolve through `node_modules/@effect-signalwire/*`, symlinks to the ORIGINAL
 * `packages/*` (export condition `@effect-signalwire/source` -> `src/*.ts`): a test importing
 * `@effect-signalwire/client` would load unmutated code and every mutant would look untested.
 * The aliases below resolve the same specifiers to `src/` next to this file, so inside the
 * sandbox the tests load the mutated copy. Same settings as vitest.shared.ts otherwise; this
 * folder holds no vitest.workspace.ts, so it runs as one project over every package's tests.
 */
import * as path from "node:path"
import { defineConfig } from "vitest/config"

const root = path.resolve(import.meta.dirname, "..")
// No "import": as the root config, its conditions reach Node's own loader for the dependencies
// vitest leaves to Node, and with "import" a CommonJS `require("pg-pool")` (inside `pg`, which the
// campaign's PostgreSQL tests load) gets pg-pool's ES module namespace, not its class. Vite adds
// "import" for its own ES imports anyway.
const conditions = ["@effect-signalwire/source", "module", "node", "default"]
const packages = "(schema|client|emulator|campaign)"

const alias = [
  // `@effect-signalwire/client` -> packages/client/src/index.ts
  { find: new RegExp(`^@effect-signalwire/${packages}$`), replacement: `${root}/packages/$1/src/index.ts` },
  // `@effect-signalwire/client/RetryPolicy` -> packages/client/src/RetryPolicy.ts
  { find: new RegExp(`^@effect-signalwire/${packages}/(.+)$`), replacement: `${root}/packages/$1/src/$2.ts` }
]

export default defineConfig({
  root,
  resolve: { conditions, alias },
  ssr: { resolve: { conditions } },
  test: {
    setupFiles: [path.join(root, "vitest.setup.ts")],
    include: ["packages/*/test/**/*.test.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000
  }
})
