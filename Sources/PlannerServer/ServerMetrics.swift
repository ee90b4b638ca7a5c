import CoreMetrics
import Foundation
import Metrics
import PlannerModel
import Prometheus
import Reports

/// The service's metrics, in a registry of its own that `/metrics` writes in Prometheus's text
/// format. Counts and timings only: no hearing, person or preference.
public struct ServerMetrics: Sendable {
    public let registry: PrometheusCollectorRegistry
    let solveSeconds: CoreMetrics.Timer
    let gap: CoreMetrics.Gauge
    let replansSucceeded: CoreMetrics.Counter
    let replansFailed: CoreMetrics.Counter
    let eventsPending: CoreMetrics.Gauge
    let planVersion: CoreMetrics.Gauge
    let interpreterFulfilment: CoreMetrics.Gauge
    let officerFulfilment: CoreMetrics.Gauge
    /// Always 1, labelled with the version that runs (the usual `*_build_info` of Prometheus).
    let buildInfo: CoreMetrics.Gauge
    /// When retention last ran, in seconds since 1970: an alert can fire when it stops running.
    let lastPruning: CoreMetrics.Gauge

    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()) {
        self.registry = registry
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets["hearing_planner_solve_seconds"] = [
            .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .milliseconds(1500), .seconds(2),
            .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300),
        ]
        solveSeconds = CoreMetrics.Timer(label: "hearing_planner_solve_seconds", factory: factory)
        gap = CoreMetrics.Gauge(label: "hearing_planner_plan_gap", factory: factory)
        replansSucceeded = CoreMetrics.Counter(label: "hearing_planner_replans_total", dimensions: [("outcome", "plan")], factory: factory)
        replansFailed = CoreMetrics.Counter(label: "hearing_planner_replans_total", dimensions: [("outcome", "no-plan")], factory: factory)
        eventsPending = CoreMetrics.Gauge(label: "hearing_planner_events_pending", factory: factory)
        planVersion = CoreMetrics.Gauge(label: "hearing_planner_plan_version", factory: factory)
        interpreterFulfilment = CoreMetrics.Gauge(
            label: "hearing_planner_preference_fulfilment_rate", dimensions: [("role", "interpreter")], factory: factory)
        officerFulfilment = CoreMetrics.Gauge(
            label: "hearing_planner_preference_fulfilment_rate", dimensions: [("role", "officer")], factory: factory)
        buildInfo = CoreMetrics.Gauge(label: "hearing_planner_build_info", dimensions: [("version", BuildInfo.version)], factory: factory)
        buildInfo.record(1)
        lastPruning = CoreMetrics.Gauge(label: "hearing_planner_retention_last_run_timestamp_seconds", factory: factory)
    }

    func recordPruning(at time: Date) {
        lastPruning.record(time.timeIntervalSince1970)
    }

    /// The metrics in Prometheus's text format.
    public func text() -> String { registry.emitToString() }

    /// Records a solve: its duration and whether it gave a plan.
    func recordSolve(_ duration: Duration, succeeded: Bool) {
        solveSeconds.recordNanoseconds(Int64(duration.components.seconds) * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
        (succeeded ? replansSucceeded : replansFailed).increment()
    }

    /// Records the published plan: version, gap, and the share of requested preferences met per
    /// role. A rate over fewer requests than the reports' smallest cell is not published.
    func recordPublished(_ plan: Plan, version: Int) {
        planVersion.record(version)
        gap.record(plan.gap ?? 0)
        for role in PlannerModel.Role.allCases {
            let states = plan.assignments.map { role == .interpreter ? $0.interpreterPreference : $0.officerPreference }
            let requested = states.filter { $0 != .none }.count
            guard requested >= FulfilmentReport.defaultMinCell else { continue }
            let rate = Double(states.filter { $0 == .met }.count) / Double(requested)
            (role == .interpreter ? interpreterFulfilment : officerFulfilment).record(rate)
        }
    }
}
