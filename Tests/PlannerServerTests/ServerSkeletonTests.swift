import Testing
@testable import PlannerServer

@Test func apiIsVersioned() {
    #expect(PlannerServerInfo.apiVersion == "v1")
}
