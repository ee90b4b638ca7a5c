/// Checks, before ZIPFoundation reads an archive held in memory, that every record the archive
/// points to lies inside it. ZIPFoundation's in-memory file traps (ends the process) when asked to
/// read past the end: an upload whose end record names a central directory beyond the file (a
/// workbook cut short, or one made to do it) stopped the whole service. Found by fuzzing
/// (docs/reliability.md); with this check such a file is refused as damaged.
public enum ZipBounds {
    /// Nil when the end record, every central directory entry and the local header and data of
    /// every entry lie within `bytes`; otherwise what does not.
    public static func problem(in bytes: [UInt8]) -> String? {
        guard let end = endRecord(in: bytes) else { return "it has no end record" }
        var entryCount = Int(u16(bytes, end + 10))
        var directorySize = Int(u32(bytes, end + 12))
        var directoryOffset = Int(u32(bytes, end + 16))
        let commentLength = Int(u16(bytes, end + 20))
        guard end + 22 + commentLength <= bytes.count else { return "its comment runs past the end" }
        // ZIP64: the locator just before the end record names a larger end record.
        if end >= 20, u32(bytes, end - 20) == 0x0706_4B50 {
            let record = u64(bytes, end - 20 + 8)
            guard record <= UInt64(end - 20), Int(record) + 56 <= bytes.count, u32(bytes, Int(record)) == 0x0606_4B50 else {
                return "its ZIP64 end record lies outside the file"
            }
            let at = Int(record)
            guard let count = Int(exactly: u64(bytes, at + 32)), let size = Int(exactly: u64(bytes, at + 40)),
                  let offset = Int(exactly: u64(bytes, at + 48)), count <= bytes.count
            else { return "its ZIP64 end record is out of range" }
            (entryCount, directorySize, directoryOffset) = (count, size, offset)
        }
        guard directoryOffset <= bytes.count, directorySize <= bytes.count - directoryOffset else {
            return "its central directory lies outside the file"
        }
        var position = directoryOffset
        let directoryEnd = directoryOffset + directorySize
        for _ in 0..<entryCount {
            guard position + 46 <= directoryEnd, u32(bytes, position) == 0x0201_4B50 else {
                return "its central directory has fewer entries than it says"
            }
            let flags = u16(bytes, position + 8)
            var compressed = UInt64(u32(bytes, position + 20))
            var uncompressed = UInt64(u32(bytes, position + 24))
            let nameLength = Int(u16(bytes, position + 28))
            let extraLength = Int(u16(bytes, position + 30))
            let commentLength = Int(u16(bytes, position + 32))
            var localOffset = UInt64(u32(bytes, position + 42))
            let recordEnd = position + 46 + nameLength + extraLength + commentLength
            guard recordEnd <= directoryEnd else { return "an entry of its central directory runs past it" }
            // ZIP64 sizes and offset, in that order, for those the record gives as 0xFFFFFFFF.
            var extra = position + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let id = u16(bytes, extra)
                let size = Int(u16(bytes, extra + 2))
                guard extra + 4 + size <= extraEnd else { return "an entry's extra field runs past it" }
                if id == 0x0001 {
                    var field = extra + 4
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= extra + 4 + size { uncompressed = u64(bytes, field); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= extra + 4 + size { compressed = u64(bytes, field); field += 8 }
                    if localOffset == 0xFFFF_FFFF, field + 8 <= extra + 4 + size { localOffset = u64(bytes, field) }
                }
                extra += 4 + size
            }
            guard localOffset <= UInt64(bytes.count), Int(localOffset) + 30 <= bytes.count,
                  u32(bytes, Int(localOffset)) == 0x0403_4B50
            else { return "an entry's local header lies outside the file" }
            let local = Int(localOffset)
            let dataStart = local + 30 + Int(u16(bytes, local + 26)) + Int(u16(bytes, local + 28))
            let descriptor = flags & 0x0008 != 0 ? 24 : 0
            guard dataStart <= bytes.count, compressed <= UInt64(bytes.count - dataStart),
                  dataStart + Int(compressed) + descriptor <= bytes.count || (descriptor > 0 && dataStart + Int(compressed) + 12 <= bytes.count)
            else { return "an entry's data runs past the end of the file" }
            position = recordEnd
        }
        return nil
    }

    /// The offset of the end of central directory record: its signature in the last 64 KiB + 22 bytes.
    static func endRecord(in bytes: [UInt8]) -> Int? {
        guard bytes.count >= 22 else { return nil }
        var at = bytes.count - 22
        let lowest = max(0, bytes.count - 22 - 0xFFFF)
        while at >= lowest {
            if bytes[at] == 0x50, bytes[at + 1] == 0x4B, bytes[at + 2] == 0x05, bytes[at + 3] == 0x06 { return at }
            at -= 1
        }
        return nil
    }

    private static func u16(_ b: [UInt8], _ at: Int) -> UInt16 {
        guard at >= 0, at + 2 <= b.count else { return 0 }
        return UInt16(b[at]) | UInt16(b[at + 1]) << 8
    }

    private static func u32(_ b: [UInt8], _ at: Int) -> UInt32 {
        guard at >= 0, at + 4 <= b.count else { return 0 }
        return (0..<4).reduce(UInt32(0)) { $0 | UInt32(b[at + $1]) << (8 * UInt32($1)) }
    }

    private static func u64(_ b: [UInt8], _ at: Int) -> UInt64 {
        guard at >= 0, at + 8 <= b.count else { return .max }
        return (0..<8).reduce(UInt64(0)) { $0 | UInt64(b[at + $1]) << (8 * UInt64($1)) }
    }
}
