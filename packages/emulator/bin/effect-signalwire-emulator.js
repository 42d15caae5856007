#!/usr/bin/env node
// The effect-signalwire-emulator command. A published package runs its built JavaScript
// (dist/). In the repository's checkout (where tsconfig.src.json sits beside bin/, and dist/
// may be missing or stale) it runs the TypeScript source through tsx, in a child process that
// resolves the workspace packages to their source too.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { constants } from "node:os"
import { fileURLToPath } from "node:url"

const args = process.argv.slice(2)
const checkout = existsSync(fileURLToPath(new URL("../tsconfig.src.json", import.meta.url)))
const fromSource = process.env.EFFECT_SIGNALWIRE_EMULATOR_FROM_SOURCE === "1"

if (!checkout) {
  const { main } = await import(new URL("../dist/EmulatorCli.js", import.meta.url).href)
  main(args)
} else if (fromSource) {
  // Ctrl-C reaches this process from the terminal and again from the parent: the first stops
  // the emulator, the second must not kill it halfway through.
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => {})
  const { main } = await import(new URL("../src/EmulatorCli.ts", import.meta.url).href)
  main(args)
} else {
  const child = spawn(
    process.execPath,
    ["--conditions=@effect-signalwire/source", "--import", import.meta.resolve("tsx"), fileURLToPath(import.meta.url), ...args],
    { stdio: "inherit", env: { ...process.env, EFFECT_SIGNALWIRE_EMULATOR_FROM_SOURCE: "1" } }
  )
  for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal))
  child.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)))
}
