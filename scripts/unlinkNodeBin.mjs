// Runs after every npm install / npm ci. The node22 and node24 devDependencies (npm's `node`
// package) each declare a `node` bin, so npm links node_modules/.bin/node to one of them, and every
// npm script (tsc, vitest, tsx: `#!/usr/bin/env node`) would then run on that Node instead of the
// one you run npm with. Remove that link; the suite reaches them by path (scripts/nodeRuntimes.ts).
import * as fs from "node:fs"
import * as path from "node:path"

const link = path.resolve(import.meta.dirname, "..", "node_modules", ".bin", "node")
const target = fs.existsSync(link) ? fs.realpathSync(link) : undefined
if (target !== undefined && /[\\/]node_modules[\\/]node2[24][\\/]/.test(target)) {
  fs.rmSync(link)
  console.log(`removed node_modules/.bin/node (-> ${path.relative(path.dirname(link), target)}): npm scripts run on the node of your PATH`)
}
