import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `<state folder>/endpoints.json`: how the verbs (`send`, `calls`, `queues`, `dlq`, `logs`, `status`, `clock`,
/// `replay`) find a running `devstack up` or `devstack demo --keep` without flags. The running command writes it
/// atomically (a temporary file renamed over it, mode 0600: it holds the development client secret) once the
/// stack is up, and removes it when it stops; the PID lets a reader tell a live stack from a file left behind by
/// a killed one.
package struct EndpointsFile: Codable, Sendable {
    package static let fileName = "endpoints.json"

    /// The process that serves these endpoints.
    package var pid: Int32
    /// `up` or `demo --keep`.
    package var command: String
    package var endpoints: LocalPipeline.Endpoints
    /// The development `SENTRY_CLIENT_SECRET` of the loaded stack, for signing webhooks as Sentry would.
    package var clientSecret: String
    package var virtualClock: Bool
    /// ISO 8601, when the stack came up.
    package var startedAt: String

    enum CodingKeys: String, CodingKey {
        case pid, command, endpoints
        case clientSecret = "client_secret"
        case virtualClock = "virtual_clock"
        case startedAt = "started_at"
    }

    package init(
        pid: Int32 = ProcessInfo.processInfo.processIdentifier,
        command: String,
        endpoints: LocalPipeline.Endpoints,
        clientSecret: String,
        virtualClock: Bool,
        startedAt: Date = Date()
    ) {
        self.pid = pid
        self.command = command
        self.endpoints = endpoints
        self.clientSecret = clientSecret
        self.virtualClock = virtualClock
        self.startedAt = ISO8601DateFormatter().string(from: startedAt)
    }

    /// The file's path in `folder`.
    package static func path(in folder: String) -> String {
        // As given (relative stays relative), so that messages name the folder the way the person wrote it.
        folder.hasSuffix("/") ? folder + fileName : folder + "/" + fileName
    }

    /// Writes the file into `folder` (created if missing): a temporary file with mode 0600, renamed over the old
    /// one, so that a reader sees either the old file or the whole new one.
    package func write(in folder: String) throws(EndpointsFileError) {
        let target = Self.path(in: folder)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let temporary = target + ".tmp-\(pid)"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let data = try encoder.encode(self) + Data("\n".utf8)
            guard
                FileManager.default.createFile(
                    atPath: temporary,
                    contents: data,
                    attributes: [.posixPermissions: 0o600]
                )
            else { throw EndpointsFileError(.unwritable, path: target, "cannot create \(temporary)") }
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                try? FileManager.default.removeItem(atPath: temporary)
                throw EndpointsFileError(.unwritable, path: target, "cannot rename \(temporary) over it: \(reason)")
            }
        } catch let error as EndpointsFileError {
            throw error
        } catch {
            throw EndpointsFileError(.unwritable, path: target, "\(error)")
        }
    }

    /// Removes the file in `folder` if it is still this process's (`pid`): a newer stack's file stays.
    package static func remove(in folder: String, pid: Int32 = ProcessInfo.processInfo.processIdentifier) {
        let target = path(in: folder)
        guard let data = FileManager.default.contents(atPath: target),
            let file = try? JSONDecoder().decode(EndpointsFile.self, from: data), file.pid == pid
        else { return }
        try? FileManager.default.removeItem(atPath: target)
    }

    /// The running stack whose file is in `folder`: fails with `.notRunning` when there is no file, `.stale` when
    /// its process is gone, `.malformed` when it cannot be read.
    package static func find(in folder: String) throws(EndpointsFileError) -> EndpointsFile {
        let target = path(in: folder)
        guard let data = FileManager.default.contents(atPath: target) else {
            throw EndpointsFileError(.notRunning, path: target)
        }
        let file: EndpointsFile
        do {
            file = try JSONDecoder().decode(EndpointsFile.self, from: data)
        } catch {
            throw EndpointsFileError(.malformed, path: target, "\(error)")
        }
        guard isAlive(file.pid) else { throw EndpointsFileError(.stale, path: target, pid: file.pid) }
        return file
    }

    /// Whether a process with this PID exists (signal 0 checks without sending anything; EPERM means it exists
    /// but belongs to someone else).
    package static func isAlive(_ pid: Int32) -> Bool {
        guard pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}

extension EndpointsFile {
    /// The file for a started pipeline: its endpoints and the development client secret of its stack.
    package init(pipeline: LocalPipeline, command: String, virtualClock: Bool) {
        self.init(
            command: command,
            endpoints: pipeline.endpoints,
            clientSecret: (try? LocalPipeline.secretValues(pipeline.stack))?["SENTRY_CLIENT_SECRET"] ?? "",
            virtualClock: virtualClock
        )
    }

    /// Fails with `.alreadyRunning` when a live process other than this one owns the file in `folder`.
    package static func claim(_ folder: String) throws(EndpointsFileError) {
        // No file, a stale one or an unreadable one: nothing live owns the folder, and writing replaces it.
        guard let running = try? find(in: folder), running.pid != ProcessInfo.processInfo.processIdentifier else {
            return
        }
        throw EndpointsFileError(.alreadyRunning, path: path(in: folder), pid: running.pid)
    }
}
