#!/usr/bin/env node
// The effect-signalwire-emulator command. A published package runs its built JavaScript
// (dist/). In a development checkout, where dist/ is not built, it runs the TypeScript source
// through tsx in a child process that resolves the workspace packages to their source too.
import { spawn } from "node:child_process"
import { existsSync } from "node:fs"
import { constants } from "node:os"
import { fileURLToPath } from "node:url"

const args = process.argv.slice(2)
const built = new URL("../dist/EmulatorCli.js", import.meta.url)
const fromSource = process.env.EFFECT_SIGNALWIRE_EMULATOR_FROM_SOURCE === "1"

if (!fromSource && existsSync(fileURLToPath(built))) {
  const { main } = await import(built.href)
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
