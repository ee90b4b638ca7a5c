// hearing-planner-fuzz TARGET [ARGUMENTS...]: the service's readers of outside bytes under test.
//
// Built with `-sanitize=fuzzer -Xswiftc -DFUZZING` (make fuzz), ARGUMENTS are libFuzzer's. In a
// normal build it replays the corpus and then mutates it for a while without coverage feedback
// (make test's short run): ARGUMENTS are CORPUS_DIR... [--seconds S] [--seed N] [--max-len N]
// [--slow-ms MS]. See docs/reliability.md.
import Foundation

#if FUZZING
import CFuzzDriver
#endif

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

#if FUZZING
// libFuzzer sees the program's name and its own arguments, not the target's name.
var driverArguments = [arguments[0]] + arguments.dropFirst(2)
var argc = Int32(driverArguments.count)
var cStrings = driverArguments.map { strdup($0) } + [nil]
let status = cStrings.withUnsafeMutableBufferPointer { buffer -> Int32 in
    var argv = buffer.baseAddress
    return LLVMFuzzerRunDriver(&argc, &argv) { data, size in
        let bytes = data.map { Array(UnsafeBufferPointer(start: $0, count: size)) } ?? []
        FuzzSelection.target.run(bytes)
        return 0
    }
}
exit(status)
#else
exit(ReplayRun(target: target, arguments: Array(arguments.dropFirst(2))).run())
#endif
