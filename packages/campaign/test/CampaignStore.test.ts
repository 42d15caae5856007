/**
 * The store on SQLite: any item (any valid create request) and any outcome read back as written;
 * an item moves pending -> sending only once, and a settled item keeps its first outcome.
 */
import { describe, expect, it } from "@effect/vitest"
import * as SqliteClient from "@effect/sql-sqlite-node/SqliteClient"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as CampaignItem from "../src/CampaignItem.js"
import { CampaignOptions } from "../src/CampaignOptions.js"
import * as CampaignStore from "../src/CampaignStore.js"

const withStore = <A, E>(f: (store: CampaignStore.Service) => Effect.Effect<A, E>) =>
  Effect.flatMap(CampaignStore.make, f).pipe(Effect.provide(SqliteClient.layer({ filename: ":memory:" })))

const options = Schema.decodeSync(CampaignOptions)({ callsPerSecond: 3 })

describe("CampaignStore", () => {
  it.effect.prop(
    "an item and its outcome read back as written",
    [CampaignItem.CampaignItem, CampaignItem.ItemOutcome],
    ([item, outcome]) =>
      withStore((store) =>
        Effect.gen(function*() {
          const record = yield* store.register("c", options, [item])
          expect(record).toMatchObject({ campaignId: "c", itemCount: 1, options })
          const stored = Option.getOrThrow(yield* store.item("c", item.id))
          expect(Schema.encodeSync(CampaignItem.CampaignItem)({ id: stored.id, request: stored.request }))
            .toStrictEqual(Schema.encodeSync(CampaignItem.CampaignItem)(item))
          expect(stored.state).toStrictEqual({ _tag: "Pending", attempts: 0 })
          expect(yield* store.settle("c", item.id, outcome)).toStrictEqual(outcome)
          expect(Option.getOrThrow(yield* store.item("c", item.id)).state).toStrictEqual(outcome)
        })
      ),
    { fastCheck: { numRuns: 30 } }
  )

  it("a time that JSON cannot carry (NaN, the infinities, a fraction) is refused, naming the field", () => {
    for (const sentAt of [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, Number.NaN, 1.5, -1]) {
      const decoded = Schema.decodeUnknownEither(CampaignItem.ItemOutcome)({
        _tag: "Unknown",
        failure: { tag: "OutcomeUnknown", message: "m" },
        sentAt,
        attempts: 1
      })
      expect(decoded._tag).toBe("Left")
      if (decoded._tag === "Left") expect(String(decoded.left)).toContain("[\"sentAt\"]")
    }
  })

  it.effect("pending -> sending once; release counts the attempt; the first outcome stands; a re-register keeps states", () =>
    withStore((store) =>
      Effect.gen(function*() {
        const item = Schema.decodeUnknownSync(CampaignItem.CampaignItem)({
          id: "a",
          request: { to: "+13105678901", from: "+13103384645", url: "https://example.com/x.xml" }
        })
        yield* store.register("c", options, [item])
        expect(yield* store.claim("c", "a", 1000)).toStrictEqual(Option.some({ _tag: "Sending", sentAt: 1000, attempts: 1 }))
        expect(yield* store.claim("c", "a", 2000)).toStrictEqual(Option.none())
        yield* store.release("c", "a")
        expect(Option.getOrThrow(yield* store.item("c", "a")).state).toStrictEqual({ _tag: "Pending", attempts: 1 })
        expect(yield* store.claim("c", "a", 3000)).toStrictEqual(Option.some({ _tag: "Sending", sentAt: 3000, attempts: 2 }))
        const placed = { _tag: "Placed", sid: "s1", attempts: 2, reconciled: false } as const
        expect(yield* store.settle("c", "a", placed)).toStrictEqual(placed)
        const other = { _tag: "Failed", failure: { tag: "X", message: "y" }, attempts: 2 } as const
        expect(yield* store.settle("c", "a", other)).toStrictEqual(placed)
        yield* store.register("c", Schema.decodeSync(CampaignOptions)({ callsPerSecond: 9 }), [item])
        expect((yield* store.campaign("c")).pipe(Option.map((record) => record.options.callsPerSecond))).toStrictEqual(Option.some(3))
        expect((yield* store.statuses("c")).map((status) => status.state)).toStrictEqual([placed])
      })
    ))
})
