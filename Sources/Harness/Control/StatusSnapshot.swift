/// What `devstack status` shows: from `GET /_devstack/status` when the emulator serves it, otherwise pieced
/// together from the older routes, with a note for every part that is missing.
/// `--json` writes it as `{"functions":[…]|null,"queues":[…],"alarms":[…]|null,"notes":[…]}`.
package struct StatusSnapshot: Codable, Sendable, Equatable {
    package var functions: [FunctionSummary]?
    package var queues: [QueueSummary]
    package var alarms: [AlarmStatus]?
    /// Why a part is missing (`nil` parts above).
    package var notes: [String]

    enum CodingKeys: String, CodingKey { case functions, queues, alarms, notes }

    package func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(functions, forKey: .functions)
        try container.encode(queues, forKey: .queues)
        try container.encode(alarms, forKey: .alarms)
        try container.encode(notes, forKey: .notes)
    }

    package init(functions: [FunctionSummary]?, queues: [QueueSummary], alarms: [AlarmStatus]?, notes: [String]) {
        self.functions = functions
        self.queues = queues
        self.alarms = alarms
        self.notes = notes
    }

    /// Reads the status; only an unreachable emulator (or one without even the queue view) is an error.
    package static func read(_ admin: AdminClient) async throws(AdminClientError) -> StatusSnapshot {
        do throws(AdminClientError) {
            let report = try await admin.status()
            return StatusSnapshot(functions: report.functions, queues: report.queues, alarms: report.alarms, notes: [])
        } catch  where error.code == .notFound || error.code == .invalidResponse {
            // An emulator without /_devstack/status: piece it together.
        }
        var notes = ["this emulator has no GET /_devstack/status; shown from the separate routes"]
        let queues = try await admin.queues()
        var functions: [FunctionSummary]?
        do throws(AdminClientError) {
            functions = try await admin.functions()
        } catch  where error.code == .notFound {
            notes.append(
                "functions: unknown (this emulator does not host Lambda functions: no /_devstack/lambda/functions)"
            )
        }
        var alarms: [AlarmStatus]?
        do throws(AdminClientError) {
            alarms = try await admin.alarms()
        } catch  where error.code == .notFound {
            notes.append("alarms: unknown (this emulator does not evaluate alarms: no /_devstack/alarms)")
        }
        return StatusSnapshot(functions: functions, queues: queues, alarms: alarms, notes: notes)
    }

    /// The readable form: one table per part, notes last.
    package func render() -> String {
        var sections: [String] = []
        if let functions {
            var table = TextTable(["FUNCTION", "INSTANCES", "BUSY", "INVOCATIONS", "ERRORS"])
            for function in functions {
                table.add([
                    function.name, "\(function.instances)", "\(function.busy)", "\(function.invocations)",
                    "\(function.errors)",
                ])
            }
            sections.append(functions.isEmpty ? "No functions." : table.render())
        }
        sections.append(CLIReport.queues(queues))
        if let alarms {
            var table = TextTable(["ALARM", "STATE", "REASON"])
            for alarm in alarms { table.add([alarm.name, alarm.state, alarm.reason]) }
            sections.append(alarms.isEmpty ? "No alarms." : table.render())
        }
        if !notes.isEmpty { sections.append(notes.map { "note: \($0)" }.joined(separator: "\n")) }
        return sections.joined(separator: "\n\n")
    }
}
