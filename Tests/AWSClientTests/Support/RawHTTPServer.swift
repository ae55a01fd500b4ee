import Foundation
import NIOCore
import NIOPosix
import Synchronization

/// How many requests a raw server answered.
final class RequestCounter: Sendable {
    private let count = Mutex(0)
    var value: Int { count.withLock { $0 } }
    func increment() { count.withLock { $0 += 1 } }
}

/// A server on 127.0.0.1 (kernel-chosen port) that answers every request with the same raw bytes and then
/// closes the connection — for answers no well-behaved HTTP server sends, such as a body shorter than its
/// `Content-Length`. The request is read in full first (headers and `Content-Length` bytes of body), so the
/// client sees the answer, not a reset.
func withRawHTTPServer<Result: Sendable>(
    reply: String,
    counter: RequestCounter = RequestCounter(),
    _ body: @Sendable (URL) async throws -> Result
) async throws -> Result {
    let replyBytes = Array(reply.utf8)
    let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
        .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
        .childChannelInitializer { channel in
            channel.eventLoop.makeCompletedFuture {
                try channel.pipeline.syncOperations.addHandler(RawReplyHandler(reply: replyBytes, counter: counter))
            }
        }
        .bind(host: "127.0.0.1", port: 0).get()
    do {
        let port = channel.localAddress?.port ?? 0
        let result = try await body(URL(string: "http://127.0.0.1:\(port)")!)
        try await channel.close()
        return result
    } catch {
        try? await channel.close()
        throw error
    }
}

private final class RawReplyHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let reply: [UInt8]
    private var received: [UInt8] = []
    private var replied = false
    private let counter: RequestCounter

    init(reply: [UInt8], counter: RequestCounter) {
        self.reply = reply
        self.counter = counter
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var buffer = unwrapInboundIn(data)
        received += buffer.readBytes(length: buffer.readableBytes) ?? []
        guard !replied, requestComplete() else { return }
        replied = true
        counter.increment()
        context.writeAndFlush(wrapOutboundOut(context.channel.allocator.buffer(bytes: reply)), promise: nil)
        context.close(promise: nil)
    }

    /// Whether the head and `Content-Length` bytes of body have arrived.
    private func requestComplete() -> Bool {
        let separator = Array("\r\n\r\n".utf8)
        guard
            let end = (0...max(0, received.count - separator.count)).first(where: {
                received.count >= separator.count && Array(received[$0..<$0 + separator.count]) == separator
            })
        else { return false }
        let head = String(decoding: received[..<end], as: UTF8.self).lowercased()
        var length = 0
        for line in head.split(separator: "\r\n") where line.hasPrefix("content-length:") {
            length = Int(line.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) ?? 0
        }
        return received.count >= end + separator.count + length
    }
}
