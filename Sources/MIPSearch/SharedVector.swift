/// A vector of doubles that several threads write at once, each its own elements (the loops of
/// `PDHGState` over their parts): one fixed allocation, read and written through its address.
final class SharedVector: @unchecked Sendable {
    let count: Int
    let base: UnsafeMutablePointer<Double>

    init(repeating value: Double, count: Int) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        base.initialize(repeating: value, count: count)
    }

    convenience init(_ values: [Double]) {
        self.init(repeating: 0, count: values.count)
        for (i, value) in values.enumerated() { base[i] = value }
    }

    deinit { base.deallocate() }

    subscript(i: Int) -> Double {
        get { base[i] }
        set { base[i] = newValue }
    }

    var array: [Double] { Array(UnsafeBufferPointer(start: base, count: count)) }

    func copy() -> SharedVector { SharedVector(array) }
}
