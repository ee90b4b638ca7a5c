/// File formats for exchanging programs with other tools.
public enum ModelFileFormat: Sendable, Hashable {
    /// CPLEX LP, readable by most solvers and by people.
    case cplexLP
    /// Free (modern) MPS.
    case mps
}
