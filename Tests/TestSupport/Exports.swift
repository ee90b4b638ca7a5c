// The reference score, calendar and hard-rule checker live in PlanVerification, which
// `hearing-planner verify` ships; every test that imports TestSupport sees them as before.
@_exported import PlanVerification
