import Hummingbird
import PlannerModel
import PlannerStore

/// The daemon's HTTP application. Filled in by the daemon issue.
public enum PlannerServerInfo {
    public static let apiVersion = "v1"
}
