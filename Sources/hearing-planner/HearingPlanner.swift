import ArgumentParser
import PlannerModel

@main
struct HearingPlanner: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hearing-planner",
        abstract: "Plan asylum hearings: who interviews whom, with which interpreter, when.",
        discussion: """
            Honours applicants' requests for an interviewer and interpreter of a particular sex \
            wherever possible, and records the evidence whenever a request could not be met.
            """,
        version: BuildInfo.version,
        subcommands: [
            Validate.self, Convert.self, Template.self, Generate.self, PlanCommand.self, Replan.self, Diff.self,
            ReportCommand.self, Export.self, CalendarCommand.self, TokenCommand.self, OptionsCommand.self, TradeoffCommand.self,
            Verify.self, Serve.self, StateCommand.self,
        ])
}
