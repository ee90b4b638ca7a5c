/// Proof by the objective's step: when every point of a program scores a whole multiple of
/// `step` (integer columns, whole objective coefficients), a bound less than one step beyond a
/// point proves it optimal.
public enum ObjectiveStep {
    /// Whether no multiple of `step` lies strictly between the incumbent and the bound, beyond the
    /// incumbent. The bound is first moved by a small tolerance towards the incumbent's far side,
    /// so that a bound of 41.9999999 that stands for 42 is never rounded down. The tolerance is far
    /// above the simplex method's error on these objectives and far below one step, so that a bound
    /// of 388,147.6 proves 388,147 optimal.
    public static func isWithinOneStep(_ incumbent: Double, _ bound: Double, step: Double, sense: ObjectiveSense) -> Bool {
        let tolerance = min(1e-9 * max(1, abs(bound)) + 1e-7, 0.05 * step)
        switch sense {
        case .maximize:
            return ((bound + tolerance) / step).rounded(.down) * step <= incumbent + tolerance
        case .minimize:
            return ((bound - tolerance) / step).rounded(.up) * step >= incumbent - tolerance
        }
    }
}
