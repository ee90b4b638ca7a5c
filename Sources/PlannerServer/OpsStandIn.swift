// Stand-in for the ops branch's TokenFile.swift until it is merged; deleted at the merge.
public enum Role: String, Sendable, CaseIterable {
    case planner, viewer
    public var mayWrite: Bool { self == .planner }
}

public struct TokenRecord: Sendable, Hashable {
    public let name: String
    public let role: Role
    public init(name: String, role: Role) {
        self.name = name
        self.role = role
    }
}
