// hearing-planner-fuzz: the service's readers of outside bytes under test (docs/reliability.md).
//
// A normal build replays a corpus and then mutates it for a while without coverage feedback
// (make test's short run):
//   hearing-planner-fuzz TARGET CORPUS_DIR... [--seconds S] [--seed N] [--max-len N] [--slow-ms MS]
// `make fuzz` builds it with HP_FUZZ=1 and libFuzzer: the target is named by the environment
// variable HP_FUZZ_TARGET, and the arguments are libFuzzer's:
//   HP_FUZZ_TARGET=json hearing-planner-fuzz CORPUS_DIR... -max_total_time=60
import Foundation

#if FUZZING
/// libFuzzer's driver, for a program with a main of its own (SwiftPM gives every executable one).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

@main
enum FuzzMain {
    static func main() {
        _ = FuzzSelection.target  // a missing or unknown HP_FUZZ_TARGET stops here, before libFuzzer starts
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    }
}

/// One input for the target HP_FUZZ_TARGET names; also under libFuzzer's usual name, which its
/// runtime refers to.
@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
    FuzzSelection.target.run(bytes)
    return 0
}
#else
@main
enum FuzzMain {
    static func main() {
        let arguments = CommandLine.arguments
        guard arguments.count >= 2, arguments[1] != "list" else {
            print("hearing-planner-fuzz TARGET [ARGUMENTS...]; targets:")
            for target in FuzzTarget.all { print("  \(target.name.padding(toLength: 16, withPad: " ", startingAt: 0)) \(target.summary)") }
            exit(arguments.count >= 2 ? 0 : 2)
        }
        guard let target = FuzzTarget.named(arguments[1]) else {
            FileHandle.standardError.write(Data("no fuzz target \(arguments[1]); `hearing-planner-fuzz list` names them\n".utf8))
            exit(2)
        }
        exit(ReplayRun(target: target, arguments: Array(arguments.dropFirst(2))).run())
    }
}
#endif
