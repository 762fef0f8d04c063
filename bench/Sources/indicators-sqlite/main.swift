import Foundation
import TrustCore

// Indicators at scale (issue 4): one phase per process, so that peak RSS is the phase's own.
//   indicators-sqlite generate FILE NETWORKS   build FILE (or reuse it when it already holds NETWORKS networks)
//   indicators-sqlite ours FILE PERIOD         every network's report, as `confianza export indicators` does
//   indicators-sqlite ceiling FILE             one raw GROUP BY pass over every row the indicators read
// Each prints one line `INDICATORS phase=… seconds=… cpu_s=… rss_kib=… …` on standard output and
// exits non-zero when its sanity checks fail.

let arguments = Array(CommandLine.arguments.dropFirst())
func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data((message + "\n").utf8))
    exit(2)
}
guard arguments.count == 3 || (arguments.count == 2 && arguments[0] == "ceiling") else {
    fail("usage: indicators-sqlite generate FILE NETWORKS | ours FILE PERIOD | ceiling FILE")
}
let path = arguments[1]
let meter = Meter()

switch arguments[0] {
case "generate":
    guard let networks = Int(arguments[2]), (1...99_999).contains(networks) else { fail("NETWORKS must be 1...99999") }
    if let stamp = Generator.stamp(path: path), stamp.networks == networks {
        print(meter.line("generate", ["networks": "\(networks)", "rows": "\(stamp.rows)", "reused": "1"]))
    } else {
        let rows = try Generator.generate(path: path, networks: networks)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        print(meter.line("generate", ["networks": "\(networks)", "rows": "\(rows)", "reused": "0", "file_mib": "\(bytes >> 20)"]))
    }
case "ours":
    guard let period = Period.parse(arguments[2]) else { fail("cannot read period \(arguments[2])") }
    guard let stamp = Generator.stamp(path: path) else { fail("\(path) is not a generated file; run generate first") }
    let outcome = try await OurPath.run(path: path, period: period, networks: stamp.networks)
    let failed = outcome.checks.filter { !$0.passed }
    for check in failed { FileHandle.standardError.write(Data("check failed: \(check.text)\n".utf8)) }
    print(
        meter.line(
            "ours",
            [
                "period": period.label, "networks": "\(outcome.reports)", "rows": "\(stamp.rows)", "with_index": "\(outcome.withIndex)",
                "csv_bytes": "\(outcome.csvBytes)", "checks": "\(outcome.checks.count - failed.count)/\(outcome.checks.count)",
            ]))
    if !failed.isEmpty || outcome.reports != stamp.networks { exit(1) }
case "ceiling":
    guard let stamp = Generator.stamp(path: path) else { fail("\(path) is not a generated file; run generate first") }
    let outcome = try Ceiling.run(path: path)
    print(
        meter.line(
            "ceiling",
            [
                "networks": "\(stamp.networks)", "rows": "\(outcome.rows)", "groups": "\(outcome.groups)",
                "checksum": "\(outcome.checksum)", "checks": outcome.rows == stamp.rows ? "1/1" : "0/1",
            ]))
    // Every row read once: the pass must have aggregated exactly the rows the generator wrote.
    if outcome.rows != stamp.rows { fail("ceiling read \(outcome.rows) rows, the generator wrote \(stamp.rows)") }
default:
    fail("unknown phase \(arguments[0]) (generate, ours, ceiling)")
}
