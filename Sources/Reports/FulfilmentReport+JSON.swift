import PlannerModel

// report@1 as JSON. Written with `JSONOutput.encode`, so keys are sorted and the bytes are stable.

extension FulfilmentReport: Encodable {
    enum CodingKeys: String, CodingKey {
        case format, minCell, scope, overall, groups, waiting, unmetByReason, unheld, deadlineForced
        case interpreterSupply, workload, periods
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(Self.format, forKey: .format)
        try container.encode(minCell, forKey: .minCell)
        try container.encode(scope, forKey: .scope)
        try container.encode(overall, forKey: .overall)
        try container.encode(groups, forKey: .groups)
        try container.encode(waiting, forKey: .waiting)
        try container.encode(unmetByReason, forKey: .unmetByReason)
        try container.encode(unheld, forKey: .unheld)
        try container.encodeIfPresent(deadlineForced, forKey: .deadlineForced)
        try container.encodeIfPresent(interpreterSupply, forKey: .interpreterSupply)
        try container.encode(workload, forKey: .workload)
        try container.encode(periods, forKey: .periods)
    }

    /// The report as report@1 JSON bytes.
    public func json() throws -> [UInt8] { try JSONOutput.encode(self) }
}

private enum SuppressedKey: String, CodingKey { case suppressed }

private func encodeSuppressed(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: SuppressedKey.self)
    try container.encode(true, forKey: .suppressed)
}

extension FulfilmentReport.Cell: Encodable {
    enum CodingKeys: String, CodingKey { case requested, met, rate, ci95 }

    public func encode(to encoder: Encoder) throws {
        switch self {
        case .suppressed:
            try encodeSuppressed(to: encoder)
        case let .shown(requested, met, rate, ci95):
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(requested, forKey: .requested)
            try container.encode(met, forKey: .met)
            try container.encode(ReportNumber.fraction(rate), forKey: .rate)
            try container.encode([ReportNumber.fraction(ci95.lowerBound), ReportNumber.fraction(ci95.upperBound)], forKey: .ci95)
        }
    }
}

extension Disclosed: Encodable where Value: Encodable {
    public func encode(to encoder: Encoder) throws {
        switch self {
        case .suppressed: try encodeSuppressed(to: encoder)
        case .shown(let value): try value.encode(to: encoder)
        }
    }
}


extension FulfilmentReport.Group: Encodable {
    enum CodingKeys: String, CodingKey { case by, key, label, interpreter, officer, both }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(by, forKey: .by)
        try container.encode(key, forKey: .key)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(interpreter, forKey: .interpreter)
        try container.encodeIfPresent(officer, forKey: .officer)
        try container.encodeIfPresent(both, forKey: .both)
    }
}

