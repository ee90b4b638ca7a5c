import Hummingbird
import PlannerModel

/// `/healthz`, `/readyz`, `/metrics` and `/v1/openapi.yaml`.
struct ServiceRoutes: Sendable {
    let board: PlanBoard
    let metrics: ServerMetrics

    struct Alive: Encodable {
        var status = "alive"
        var version = BuildInfo.version
    }

    func add(to router: Router<PlannerRequestContext>) {
        router.get("/healthz") { _, _ in try Answer.json(Alive()) }
        router.get("/readyz") { _, _ in
            let health = board.health
            return try Answer.json(health, status: health.isReady ? .ok : .serviceUnavailable)
        }
        router.get("/metrics") { _, _ in
            Answer.bytes(Array(metrics.text().utf8), contentType: "text/plain; version=0.0.4; charset=utf-8")
        }
        router.get("/v1/openapi.yaml") { _, _ in
            Answer.bytes(Array(OpenAPIDocument.yaml.utf8), contentType: "application/yaml; charset=utf-8")
        }
    }
}
