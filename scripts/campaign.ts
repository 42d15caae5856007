/**
 * `npm run campaign`: runs a call campaign (`@effect-signalwire/campaign`) and shows its
 * progress, then its report. Interrupt it (Ctrl-C, or kill the process) and run the same command
 * again: it resumes from the database and places nobody twice.
 *
 * Without `--space` the calls go to the emulator, started in this process on a free port of
 * 127.0.0.1. With `--db postgres://...`, this process is one runner of a cluster: start the same
 * command on several machines (or several times on one) and they share the work and one pace.
 *
 *   npm run campaign
 *   npm run campaign -- --count 200 --cps 20 --db postgres://user:pw@127.0.0.1:5432/campaigns
 */
import { SignalWireClient } from "@effect-signalwire/client"
import { Campaign, CampaignRunner } from "@effect-signalwire/campaign"
import { Emulator, EmulatorServer, WebhookClient } from "@effect-signalwire/emulator"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as FetchHttpClient from "@effect/platform/FetchHttpClient"
import * as ConfigError from "effect/ConfigError"
import * as Console from "effect/Console"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import * as Redacted from "effect/Redacted"
import * as Stream from "effect/Stream"
import { parseArgs } from "node:util"

const usage = `Usage: npm run campaign [-- options]

Places a campaign of calls to distinct demo numbers, exactly once each, at a pace shared by
every runner, and shows its progress. Interrupted, the same command resumes it.

Options:
  --space <origin>      SignalWire space or emulator to call (default: an emulator in this process)
  --project <id>        project id (default: SIGNALWIRE_PROJECT_ID, or the emulator's demo project)
  --token <token>       API token (default: SIGNALWIRE_API_TOKEN, or the emulator's demo token)
  --count <n>           calls in the campaign, to distinct demo numbers (default 20)
  --cps <n>             calls per second for the whole cluster (default 5)
  --db <file | url>     SQLite file, or postgres://... shared by several runners (default campaign.db)
  --campaign <id>       the campaign's id: the same id on the same database resumes it (default demo)
  --from <number>       who calls (default +13103384645)
  --resend-when-not-found
                        send again a create whose outcome is unknown when a lookup does not find
                        it (safe against the emulator; on SignalWire a list may lag: see the guide)
  --pacing-margin <ms>  slack per second of send slots against network jitter (default 100)
  -h, --help            show this help`

class UsageError extends Data.TaggedError("UsageError")<{ readonly message: string }> {}

const positive = (name: string, value: string | undefined, fallback: number, integer: boolean) => {
  if (value === undefined) return Effect.succeed(fallback)
  const n = Number(value)
  return Number.isFinite(n) && n > 0 && (!integer || Number.isInteger(n))
    ? Effect.succeed(n)
    : Effect.fail(new UsageError({ message: `--${name}: must be a positive ${integer ? "integer" : "number"} (got ${JSON.stringify(value)})` }))
}

const readFlags = (args: Array<string>) =>
  Effect.gen(function*() {
    const { values } = yield* Effect.try({
      try: () =>
        parseArgs({
          args,
          options: {
            space: { type: "string" },
            project: { type: "string" },
            token: { type: "string" },
            count: { type: "string" },
            cps: { type: "string" },
            db: { type: "string" },
            campaign: { type: "string" },
            from: { type: "string" },
            "resend-when-not-found": { type: "boolean" },
            "pacing-margin": { type: "string" },
            help: { type: "boolean", short: "h" }
          }
        }),
      catch: (error) => new UsageError({ message: (error as Error).message })
    })
    const count = yield* positive("count", values.count, 20, true)
    if (count > 10_000) return yield* new UsageError({ message: "--count: must be at most 10000 (the demo numbers run out)" })
    return {
      help: values.help ?? false,
      space: values.space,
      project: values.project ?? process.env.SIGNALWIRE_PROJECT_ID,
      token: values.token ?? process.env.SIGNALWIRE_API_TOKEN,
      count,
      cps: yield* positive("cps", values.cps, 5, false),
      db: values.db ?? "campaign.db",
      campaignId: values.campaign ?? "demo",
      from: values.from ?? "+13103384645",
      resendWhenNotFound: values["resend-when-not-found"] ?? false,
      pacingMarginMillis: yield* positive("pacing-margin", values["pacing-margin"], 100, true)
    }
  })

type Flags = Effect.Effect.Success<ReturnType<typeof readFlags>>

/** Demo number `index`: +1 310 555 0000 onwards, one per item. */
const items = (flags: Flags) =>
  Array.from({ length: flags.count }, (_, index) => ({
    id: `call-${index + 1}`,
    request: {
      to: `+1310555${String(index).padStart(4, "0")}`,
      from: flags.from,
      twiml: "<Response><Say>This is a reminder from effect-signalwire.</Say></Response>"
    }
  }))

const bar = (counts: Campaign.Counts, width = 30) => {
  const settled = counts.placed + counts.failed + counts.unknown
  const filled = counts.total === 0 ? width : Math.round((settled / counts.total) * width)
  return `[${"#".repeat(filled)}${".".repeat(width - filled)}] ${settled}/${counts.total}  placed ${counts.placed}  failed ${counts.failed}  unknown ${counts.unknown}`
}

/** Starts (or resumes) the campaign, then follows it until every item is settled. */
const runCampaign = (flags: Flags) =>
  Effect.gen(function*() {
    const record = yield* Campaign.start({
      campaignId: flags.campaignId,
      items: items(flags),
      options: { callsPerSecond: flags.cps, resendWhenNotFound: flags.resendWhenNotFound, pacingMarginMillis: flags.pacingMarginMillis }
    })
    yield* Console.log(`Campaign ${record.campaignId}: ${record.itemCount} calls at ${record.options.callsPerSecond}/s, database ${describeDb(flags.db)}`)
    const startedAt = Date.now()
    const tty = process.stdout.isTTY === true
    let lastLine = 0
    yield* Campaign.progress(flags.campaignId, { interval: "200 millis" }).pipe(
      Stream.runForEach((event) =>
        Effect.sync(() => {
          const line = bar(event.counts)
          if (tty) process.stdout.write(`\r${line}`)
          else if (event.done || Date.now() - lastLine >= 1000) {
            lastLine = Date.now()
            process.stdout.write(`${line}\n`)
          }
        })
      )
    )
    if (tty) process.stdout.write("\n")
    const report = yield* Campaign.report(flags.campaignId)
    const seconds = (Date.now() - startedAt) / 1000
    yield* Console.log(`Done in ${seconds.toFixed(1)} s (this run): ${report.counts.placed} placed, ${report.counts.failed} failed, ${report.counts.unknown} unknown`)
    for (const item of report.failed) yield* Console.log(`  failed   ${item.id}: ${item.failure.tag}: ${item.failure.message}`)
    for (const item of report.unknown) yield* Console.log(`  unknown  ${item.id}: ${item.failure.tag}: ${item.failure.message}`)
  })

const describeDb = (db: string) => isPostgres(db) ? db.replace(/\/\/[^@]*@/, "//***@") : db
const isPostgres = (db: string) => /^postgres(ql)?:\/\//.test(db)

const runnerLayer = (flags: Flags, space: string, projectId: string, authToken: Redacted.Redacted<string>) => {
  const client = CampaignRunner.layerClient(SignalWireClient.layer({ projectId, authToken, space })).pipe(
    Layer.provide(FetchHttpClient.layer)
  )
  // A stop (Ctrl-C) waits at most this long for calls in flight; a crash does not wait at all.
  const shardingConfig = { entityTerminationTimeout: "2 seconds" } as const
  const runner = isPostgres(flags.db)
    ? CampaignRunner.layerPg({ url: Redacted.make(flags.db), shardingConfig })
    : CampaignRunner.layerSqlite({ filename: flags.db, shardingConfig })
  return runner.pipe(Layer.provide(client))
}

const main = Effect.gen(function*() {
  const flags = yield* readFlags(process.argv.slice(2))
  if (flags.help) return yield* Console.log(usage)
  if (flags.space !== undefined) {
    if (flags.project === undefined || flags.token === undefined) {
      return yield* new UsageError({ message: "with --space, give --project and --token (or SIGNALWIRE_PROJECT_ID and SIGNALWIRE_API_TOKEN)" })
    }
    return yield* runCampaign(flags).pipe(
      Effect.provide(runnerLayer(flags, flags.space, flags.project, Redacted.make(flags.token)))
    )
  }
  // No --space: the emulator in this process. Its calls live as long as the process: on a re-run,
  // an item caught between send and record cannot be found there and is reported unknown.
  return yield* Effect.gen(function*() {
    const space = yield* EmulatorServer.url
    const project = (yield* Emulator.Emulator).projects[0]!
    yield* Console.log(`No --space: using the emulator, running in this process at ${space}`)
    yield* runCampaign(flags).pipe(Effect.provide(runnerLayer(flags, space, project.projectId, project.authToken)))
  }).pipe(
    Effect.provide(EmulatorServer.layer().pipe(
      // Limited like a project at SignalWire: 429 beyond --cps creates in any second.
      Layer.provideMerge(Emulator.layer({
        timings: { queued: "200 millis", ringing: "500 millis", inProgress: "1 second" },
        callsPerSecond: flags.cps
      })),
      Layer.provide(WebhookClient.layerFetch)
    ))
  )
}).pipe(
  Effect.catchTags({
    UsageError: (error) => fail(2, `npm run campaign: ${error.message}\nRun npm run campaign -- --help for the options.`),
    InvalidCampaign: (error) => fail(2, `npm run campaign: ${error.message}`)
  }),
  Effect.catchAll((error) => fail(1, `npm run campaign: ${ConfigError.isConfigError(error) ? String(error) : error.message}`)),
  Effect.onInterrupt(() =>
    Console.error("\nInterrupted: run the same command again to finish the rest (nobody is called twice).")
  ),
  // The cluster's own warnings (e.g. while it shuts down) would break the progress bar.
  Logger.withMinimumLogLevel(LogLevel.Error)
)

const fail = (exitCode: number, message: string) =>
  Effect.zipRight(Console.error(message), Effect.sync(() => (process.exitCode = exitCode)))

NodeRuntime.runMain(main)
