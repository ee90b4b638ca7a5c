/// A zip archive whose entries are stored (not compressed), written in memory: the container
/// around fuzzed XML parts, so that every input reaches the workbook's XML scanner with a valid
/// checksum rather than stopping at the zip reader.
enum StoredZip {
    static func archive(_ entries: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var output: [UInt8] = []
        var central: [UInt8] = []
        for entry in entries {
            let name = Array(entry.name.utf8.prefix(0xFFFF))
            let offset = UInt32(truncatingIfNeeded: output.count)
            let crc = CRC32.checksum(entry.bytes)
            let size = UInt32(truncatingIfNeeded: entry.bytes.count)
            // Local file header.
            output += le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            output += le32(crc) + le32(size) + le32(size) + le16(UInt16(name.count)) + le16(0) + name
            output += entry.bytes
            // Central directory entry.
            central += le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21)
            central += le32(crc) + le32(size) + le32(size) + le16(UInt16(name.count)) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + name
        }
        let count = UInt16(truncatingIfNeeded: entries.count)
        let centralOffset = UInt32(truncatingIfNeeded: output.count)
        output += central
        output += le32(0x0605_4B50) + le16(0) + le16(0) + le16(count) + le16(count)
        output += le32(UInt32(truncatingIfNeeded: central.count)) + le32(centralOffset) + le16(0)
        return output
    }

    private static func le16(_ value: UInt16) -> [UInt8] { [UInt8(value & 0xFF), UInt8(value >> 8)] }
    private static func le32(_ value: UInt32) -> [UInt8] { (0..<4).map { UInt8((value >> (8 * $0)) & 0xFF) } }
}

/// CRC-32 (IEEE 802.3, reflected), as zip entries carry it.
enum CRC32 {
    private static let table: [UInt32] = (0..<256).map { n in
        var c = UInt32(n)
        for _ in 0..<8 { c = c & 1 == 1 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
