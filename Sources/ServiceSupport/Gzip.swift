import CZlib

/// gzip (RFC 1952) over zlib, for webhook bodies too large for one SQS message even base64-encoded.
public enum Gzip {
    /// `input` compressed at zlib's best level with a gzip header; nil if zlib fails (out of memory).
    public static func compress(_ input: [UInt8]) -> [UInt8]? {
        var stream = z_stream()
        let windowBitsWithGzipHeader: Int32 = 15 + 16
        guard
            deflateInit2_(
                &stream,
                Z_BEST_COMPRESSION,
                Z_DEFLATED,
                windowBitsWithGzipHeader,
                8,
                Z_DEFAULT_STRATEGY,
                zlibVersion(),
                Int32(MemoryLayout<z_stream>.size)
            ) == Z_OK
        else { return nil }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        var input = input
        let status = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = uInt(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = uInt(target.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { return nil }
        return Array(output.prefix(Int(stream.total_out)))
    }

    /// The gzip stream `input` inflated; nil when it is not gzip, is cut short, has trailing bytes, or would
    /// exceed `limit` bytes (a bomb).
    public static func decompress(_ input: [UInt8], limit: Int) -> [UInt8]? {
        var stream = z_stream()
        let windowBitsGzipOnly: Int32 = 15 + 16
        guard inflateInit2_(&stream, windowBitsGzipOnly, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
        else { return nil }
        defer { inflateEnd(&stream) }
        var input = input
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        let finished: Bool = input.withUnsafeMutableBufferPointer { source in
            stream.next_in = source.baseAddress
            stream.avail_in = uInt(source.count)
            while true {
                let (status, produced) = chunk.withUnsafeMutableBufferPointer { target in
                    stream.next_out = target.baseAddress
                    stream.avail_out = uInt(target.count)
                    let status = inflate(&stream, Z_NO_FLUSH)
                    return (status, target.count - Int(stream.avail_out))
                }
                guard status == Z_OK || status == Z_STREAM_END else { return false }
                result.append(contentsOf: chunk.prefix(produced))
                if result.count > limit { return false }
                if status == Z_STREAM_END { return stream.avail_in == 0 }
                if produced == 0 && stream.avail_in == 0 { return false }
            }
        }
        return finished ? result : nil
    }
}
