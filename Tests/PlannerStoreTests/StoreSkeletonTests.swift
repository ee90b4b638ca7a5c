import Testing
@testable import PlannerStore

@Test func schemaIsNamed() {
    #expect(PlannerStoreInfo.schemaName == "hearing-planner")
}
