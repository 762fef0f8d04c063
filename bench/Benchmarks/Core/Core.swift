import Benchmark
import Conversation
import Engine
import Foundation
import SMSText
import TrustCore

// Core micro-benchmarks: the pure parts every webhook or summary goes through, timed and with their
// allocations counted (package-benchmark's malloc interposer). Inputs are realistic and built once,
// outside the measured loop.

/// `bench/run.sh --quick` sets BENCH_QUICK=1: shorter runs.
let quick = ProcessInfo.processInfo.environment["BENCH_QUICK"] == "1"

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .throughput],
        warmupIterations: 10,
        maxDuration: .seconds(quick ? 1 : 3),
        maxIterations: 100_000
    )

    // MARK: Conversation.Bot.step

    let socio = Fixtures.socioContext
    let leader = Fixtures.leaderContext
    let bot = Fixtures.bot
    let now = Fixtures.now

    Benchmark("Bot.step socio APORTE 20") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(bot.step(state: ConversationState(), text: "APORTE 20", context: socio, now: now))
        }
    }
    Benchmark("Bot.step socio HOLA (menu)") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(bot.step(state: ConversationState(), text: "hola", context: socio, now: now))
        }
    }
    Benchmark("Bot.step socio ASISTI then SI (answer)") { benchmark in
        for _ in benchmark.scaledIterations {
            let asked = bot.step(state: ConversationState(), text: "ASISTI", context: socio, now: now)
            blackHole(bot.step(state: asked.state, text: "si", context: socio, now: now.addingTimeInterval(30)))
        }
    }
    Benchmark("Bot.step leader REUNION ORD HOY 1 2 3") { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(bot.step(state: ConversationState(), text: "REUNION ORD HOY 1 2 3", context: leader, now: now))
        }
    }

    // MARK: SMSText.SMSComposer.compose

    let summaryText = Fixtures.summaryText
    let ucs2Text = Fixtures.ucs2Text
    Benchmark("SMSComposer.compose GSM-7 (transliterated, 2 segments)") { benchmark in
        for _ in benchmark.scaledIterations {
            let composed = SMSComposer.compose(summaryText)
            blackHole(composed.segments)
        }
    }
    Benchmark("SMSComposer.compose UCS-2 (emoji, 3 segments)") { benchmark in
        for _ in benchmark.scaledIterations {
            let composed = SMSComposer.compose(ucs2Text, transliterating: false)
            blackHole(composed.segments)
        }
    }

    // MARK: TrustCore.IndicatorCalculator.compute

    let year = Fixtures.networkYear
    Benchmark(
        "IndicatorCalculator.compute one network-year (30 members x 52 weeks)",
        configuration: .init(warmupIterations: 3, maxDuration: .seconds(quick ? 1 : 5), maxIterations: 2_000)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(IndicatorCalculator.compute(records: year, period: .year(2026), settings: .defaults))
        }
    }
}
