import Foundation

/// Wall clock since creation, and the process's CPU time and peak RSS from `getrusage`.
struct Meter {
    let start = ContinuousClock.now

    /// `INDICATORS phase=NAME seconds=… cpu_s=… rss_kib=…` followed by `extra` (sorted keys).
    func line(_ phase: String, _ extra: [String: String]) -> String {
        let elapsed = ContinuousClock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        var usage = rusage()
        #if canImport(Glibc)
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)  // Glibc imports the constant as an enum case
        #else
        getrusage(RUSAGE_SELF, &usage)
        #endif
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
            + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        // Linux reports ru_maxrss in KiB.
        let fields = ["phase=\(phase)", String(format: "seconds=%.3f", seconds), String(format: "cpu_s=%.3f", cpu), "rss_kib=\(usage.ru_maxrss)"]
            + extra.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        return "INDICATORS " + fields.joined(separator: " ")
    }
}
