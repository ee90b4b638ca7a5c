import GRDB
import PlannerModel

/// The daemon's durable state: rosters, the event log, plan versions and the audit trail.
/// Filled in by the daemon issue.
public enum PlannerStoreInfo {
    public static let schemaName = "hearing-planner"
}
