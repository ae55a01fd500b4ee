import Foundation

/// The CPU time and resident memory of one process, read from `/proc/PID/stat` and `/proc/PID/status`.
package struct ProcessUsage: Sendable, Equatable {
    /// User plus system CPU time, in clock ticks (`sysconf(_SC_CLK_TCK)` per second).
    package var cpuTicks: UInt64
    /// Resident set size in kibibytes (`VmRSS`).
    package var residentKiB: UInt64

    package init(cpuTicks: UInt64, residentKiB: UInt64) {
        self.cpuTicks = cpuTicks
        self.residentKiB = residentKiB
    }

    /// Reads the usage of process `pid` now.
    package static func read(pid: Int32) throws(BenchmarkError) -> ProcessUsage {
        let stat = try contents(of: "/proc/\(pid)/stat")
        let status = try contents(of: "/proc/\(pid)/status")
        return ProcessUsage(cpuTicks: try cpuTicks(stat: stat), residentKiB: try residentKiB(status: status))
    }

    /// Clock ticks per second, as the kernel counts `utime` and `stime`.
    package static var ticksPerSecond: Double {
        let ticks = sysconf(Int32(_SC_CLK_TCK))
        return ticks > 0 ? Double(ticks) : 100
    }

    /// `utime + stime` (fields 14 and 15) of a `/proc/PID/stat` line. The command name (field 2) is in parentheses
    /// and may itself hold spaces and parentheses, so the fields are counted from the last `)`.
    package static func cpuTicks(stat: String) throws(BenchmarkError) -> UInt64 {
        guard let close = stat.lastIndex(of: ")") else {
            throw BenchmarkError(.unreadableProcess, "/proc stat line has no ')' after the command name")
        }
        // After ")": field 3 (state) is the first, so utime (14) is at offset 11 and stime (15) at 12.
        let fields = stat[stat.index(after: close)...].split(separator: " ", omittingEmptySubsequences: true)
        guard fields.count > 12, let utime = UInt64(fields[11]), let stime = UInt64(fields[12]) else {
            throw BenchmarkError(.unreadableProcess, "/proc stat line has no numeric utime/stime (fields 14, 15)")
        }
        return utime + stime
    }

    /// The `VmRSS:` figure of a `/proc/PID/status` file, in kB.
    package static func residentKiB(status: String) throws(BenchmarkError) -> UInt64 {
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let parts = line.dropFirst("VmRSS:".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
            if let first = parts.first, let value = UInt64(first) { return value }
            break
        }
        throw BenchmarkError(.unreadableProcess, "/proc status has no numeric VmRSS line")
    }

    private static func contents(of path: String) throws(BenchmarkError) -> String {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8)
        else {
            throw BenchmarkError(.unreadableProcess, "cannot read \(path) (is the server process still running?)")
        }
        return text
    }
}
