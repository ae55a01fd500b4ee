/// One function as `GET /_devstack/lambda/functions` (and a status view) shows it: its instances now and its
/// counters since the emulator started (Lambda's `Invocations` and `Errors`).
package struct LambdaFunctionSummary: Sendable, Equatable {
    package var name: String
    package var arn: String
    /// Instances holding a process.
    package var instances: Int
    /// Instances holding an invocation.
    package var busy: Int
    package var invocations: Int
    /// Invocations that ended in a function error, a timeout or a crash.
    package var errors: Int
    /// The PIDs of the instances' processes.
    package var pids: [Int32]

    package var json: [String: Any] {
        [
            "name": name, "arn": arn, "instances": instances, "busy": busy, "invocations": invocations,
            "errors": errors, "pids": pids.map(Int.init),
        ]
    }
}

extension LambdaService {
    /// Every registered function, by name.
    package func functionSummaries() async -> [LambdaFunctionSummary] {
        var summaries: [LambdaFunctionSummary] = []
        for host in await functions.functions {
            let status = await host.status()
            let counters = journal.counters(function: host.configuration.name)
            summaries.append(
                LambdaFunctionSummary(
                    name: host.configuration.name,
                    arn: host.functionARN,
                    instances: status.liveInstances,
                    busy: status.busy,
                    invocations: counters.invocations,
                    errors: counters.errors,
                    pids: status.pids
                )
            )
        }
        return summaries
    }
}
