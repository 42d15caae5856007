/**
 * The cluster a campaign runs on: storage, sharding, the workflow engine, the pacer and the
 * campaign's workflows, as one layer.
 *
 * - `layerSqlite`: one process, one SQLite file, nothing to install. Interrupt it and run it
 *   again on the same file: the campaign resumes.
 * - `layerPg`: a runner of a cluster whose runners share one PostgreSQL database. Start as many
 *   as you like, on one machine or several; each listens on `host` (a free port) for the other
 *   runners, and the shards (so the items) spread over them. A runner that dies loses its shard
 *   locks with its database connection and the others take its items over.
 *
 * Both need a `SignalWireClient` (to place calls) and a `CallLookup` (to reconcile), which the
 * application provides (see `layerClient`).
 *
 * @since 0.1.0
 */
import * as ClusterWorkflowEngine from "@effect/cluster/ClusterWorkflowEngine"
import type * as MessageStorage from "@effect/cluster/MessageStorage"
import * as RunnerAddress from "@effect/cluster/RunnerAddress"
import * as RunnerHealth from "@effect/cluster/RunnerHealth"
import * as Runners from "@effect/cluster/Runners"
import type * as Sharding from "@effect/cluster/Sharding"
import * as ShardingConfig from "@effect/cluster/ShardingConfig"
import * as SingleRunner from "@effect/cluster/SingleRunner"
import * as SocketRunner from "@effect/cluster/SocketRunner"
import * as SqlMessageStorage from "@effect/cluster/SqlMessageStorage"
import * as SqlRunnerStorage from "@effect/cluster/SqlRunnerStorage"
import * as NodeClusterSocket from "@effect/platform-node/NodeClusterSocket"
import * as NodeSocketServer from "@effect/platform-node/NodeSocketServer"
import * as SocketServer from "@effect/platform/SocketServer"
import * as RpcSerialization from "@effect/rpc/RpcSerialization"
import * as PgClient from "@effect/sql-pg/PgClient"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import type * as SqlClient from "@effect/sql/SqlClient"
import type * as SqlError from "@effect/sql/SqlError"
import type { WorkflowEngine } from "@effect/workflow/WorkflowEngine"
import type * as SignalWireClient from "@effect-signalwire/client/SignalWireClient"
import type * as ConfigError from "effect/ConfigError"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as CallLookup from "./CallLookup.js"
import * as CampaignPacer from "./CampaignPacer.js"
import * as CampaignStore from "./CampaignStore.js"
import * as CampaignWorkflow from "./CampaignWorkflow.js"

/**
 * What a runner gives the application: the engine (to start and await campaigns) and the store
 * (to read their state).
 *
 * @since 0.1.0
 * @category models
 */
export type Services = WorkflowEngine | CampaignStore.CampaignStore | Sharding.Sharding | MessageStorage.MessageStorage

/**
 * The workflows, the pacer, the engine and the store over a cluster and a `SqlClient`.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerWorkflows: Layer.Layer<
  WorkflowEngine | CampaignStore.CampaignStore,
  SqlError.SqlError,
  | Sharding.Sharding
  | MessageStorage.MessageStorage
  | SqlClient.SqlClient
  | SignalWireClient.SignalWireClient
  | CallLookup.CallLookup
> = CampaignWorkflow.layer.pipe(
  Layer.provide(CampaignPacer.layer),
  Layer.provideMerge(ClusterWorkflowEngine.layer),
  Layer.provideMerge(CampaignStore.layer)
)

/**
 * One process on one SQLite file.
 *
 * @since 0.1.0
 * @category layers
 * @example
 * ```ts
 * import { FetchHttpClient } from "@effect/platform"
 * import { SignalWireClient } from "@effect-signalwire/client"
 * import { Campaign, CampaignRunner } from "@effect-signalwire/campaign"
 * import { Effect, Layer, Redacted } from "effect"
 *
 * const Client = SignalWireClient.layer({
 *   projectId: "b3877c40-da60-4998-90ad-b792e98472ad",
 *   authToken: Redacted.make("PTxxxxxxxx"),
 *   space: "example.signalwire.com"
 * })
 *
 * const Runner = CampaignRunner.layerSqlite({ filename: "campaign.db" }).pipe(
 *   Layer.provide(CampaignRunner.layerClient(Client)),
 *   Layer.provide(FetchHttpClient.layer)
 * )
 *
 * const program = Campaign.run({
 *   campaignId: "reminders-2026-12-01",
 *   items: [{ id: "patient-1", request: { to: "+13105678901", from: "+13103384645", url: "https://example.com/reminder.xml" } }],
 *   options: { callsPerSecond: 1 }
 * }).pipe(Effect.provide(Runner))
 * ```
 */
export const layerSqlite = (options: {
  readonly filename: string
  /** Overrides of the cluster's settings (e.g. `entityTerminationTimeout`, how long a shutdown waits). */
  readonly shardingConfig?: Partial<ShardingConfig.ShardingConfig["Type"]> | undefined
}): Layer.Layer<
  Services,
  ConfigError.ConfigError | SqlError.SqlError,
  SignalWireClient.SignalWireClient | CallLookup.CallLookup
> =>
  layerWorkflows.pipe(
    Layer.provideMerge(SingleRunner.layer({ runnerStorage: "memory", shardingConfig: options.shardingConfig })),
    Layer.provide(SqliteClient.layer({ filename: options.filename }))
  )

/**
 * @since 0.1.0
 * @category models
 */
export interface PgOptions {
  /** `postgres://user:password@host:port/database` */
  readonly url: Redacted.Redacted<string>
  /** The address the other runners reach this one at (default `127.0.0.1`); the port is free. */
  readonly host?: string | undefined
  /** Database connections of this runner (default 10). */
  readonly maxConnections?: number | undefined
  /** Overrides of the cluster's settings (shard counts, lock intervals, ...). */
  readonly shardingConfig?: Partial<ShardingConfig.ShardingConfig["Type"]> | undefined
}

/**
 * The cluster settings `layerPg` starts from (before `shardingConfig`): a dead runner is noticed
 * within seconds rather than the cluster's default minute, and messages persisted while no
 * runner held their shard are picked up within two seconds.
 *
 * @since 0.1.0
 * @category defaults
 */
export const pgDefaults: Partial<ShardingConfig.ShardingConfig["Type"]> = {
  runnerHealthCheckInterval: "5 seconds",
  entityMessagePollInterval: "2 seconds",
  shardsPerGroup: 60
}

/**
 * One runner of a cluster on PostgreSQL. It listens for the other runners on `host` and a free
 * port, registers itself in the database, and takes its share of the shards.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerPg = (options: PgOptions): Layer.Layer<
  Services,
  ConfigError.ConfigError | SqlError.SqlError | SocketServer.SocketServerError,
  SignalWireClient.SignalWireClient | CallLookup.CallLookup
> => {
  const host = options.host ?? "127.0.0.1"
  const cluster = Layer.unwrapScoped(Effect.gen(function*() {
    const server = yield* NodeSocketServer.make({ host, port: 0 })
    const port = server.address._tag === "TcpAddress" ? server.address.port : 0
    return SocketRunner.layer.pipe(
      Layer.provide(RunnerHealth.layerPing.pipe(
        Layer.provide(Runners.layerRpc),
        Layer.provide(NodeClusterSocket.layerClientProtocol)
      )),
      Layer.provideMerge(Layer.orDie(SqlMessageStorage.layer)),
      Layer.provide(Layer.orDie(SqlRunnerStorage.layer)),
      Layer.provide(NodeClusterSocket.layerClientProtocol),
      Layer.provide(Layer.succeed(SocketServer.SocketServer, server)),
      Layer.provide(ShardingConfig.layerFromEnv({
        ...pgDefaults,
        ...options.shardingConfig,
        runnerAddress: Option.some(RunnerAddress.make(host, port))
      })),
      Layer.provide(RpcSerialization.layerMsgPack)
    )
  }))
  return layerWorkflows.pipe(
    Layer.provideMerge(cluster),
    Layer.provide(PgClient.layer({ url: options.url, maxConnections: options.maxConnections ?? 10 }))
  )
}

/**
 * The `SignalWireClient` and the `CallLookup` from one client layer (e.g.
 * `SignalWireClient.layer(...)` or `layerConfig()`): the lookup lists calls through that client.
 *
 * @since 0.1.0
 * @category layers
 */
export const layerClient = <E, R>(
  client: Layer.Layer<SignalWireClient.SignalWireClient, E, R>
): Layer.Layer<SignalWireClient.SignalWireClient | CallLookup.CallLookup, E, R> =>
  CallLookup.layer.pipe(Layer.provideMerge(client))
