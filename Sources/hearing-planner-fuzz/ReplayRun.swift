import Foundation

/// The target libFuzzer's callback runs, named by the environment variable HP_FUZZ_TARGET
/// (libFuzzer's main takes the command line).
enum FuzzSelection {
    static let target: FuzzTarget = {
        guard let name = ProcessInfo.processInfo.environment["HP_FUZZ_TARGET"], let target = FuzzTarget.named(name) else {
            let names = FuzzTarget.all.map(\.name).joined(separator: ", ")
            FileHandle.standardError.write(Data("hearing-planner-fuzz: set HP_FUZZ_TARGET to one of \(names)\n".utf8))
            exit(2)
        }
        return target
    }()
}

/// The replay mode: every corpus file, then seeded mutations of them until the time is up. An
/// input slower than the limit for its size is reported and fails the run, as a hang would.
struct ReplayRun {
    let target: FuzzTarget
    var folders: [String] = []
    var seconds = 5.0
    var seed: UInt64 = 1
    var maxLength = 64 * 1024
    /// The slowest an input may take: this much for a small one, plus as much again per MiB.
    var slowMilliseconds = 1000.0
    /// Each input is written here before it runs, so that the one that crashed the run is kept.
    var currentInputPath: String?

    init(target: FuzzTarget, arguments: [String]) {
        self.target = target
        var rest = arguments[...]
        while let argument = rest.popFirst() {
            switch argument {
            case "--seconds": seconds = rest.popFirst().flatMap(Double.init) ?? seconds
            case "--seed": seed = rest.popFirst().flatMap { UInt64($0) } ?? seed
            case "--max-len": maxLength = rest.popFirst().flatMap { Int($0) } ?? maxLength
            case "--slow-ms": slowMilliseconds = rest.popFirst().flatMap(Double.init) ?? slowMilliseconds
            case "--keep-current": currentInputPath = rest.popFirst()
            default: folders.append(argument)
            }
        }
    }

    func corpus() -> [[UInt8]] {
        var inputs: [[UInt8]] = []
        for folder in folders {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
            for name in names {
                if let data = FileManager.default.contents(atPath: (folder as NSString).appendingPathComponent(name)) {
                    inputs.append(Array(data))
                }
            }
        }
        return inputs.isEmpty ? [[]] : inputs
    }

    func run() -> Int32 {
        let corpus = corpus()
        var mutator = Mutator(seed: seed, maxLength: maxLength)
        var runs = 0
        var slowest: (duration: Duration, size: Int) = (.zero, 0)
        var slowInputs = 0
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int(seconds * 1000))
        let currentInput = currentInputPath.map { open($0, O_WRONLY | O_CREAT | O_TRUNC, 0o600) } ?? -1
        defer { if currentInput >= 0 { close(currentInput) } }
        var pending = corpus[...]
        while let input = pending.popFirst() ?? (clock.now < deadline ? nextMutation(&mutator, corpus) : nil) {
            if currentInput >= 0 {
                // Two system calls, no sync: the file only has to outlive a trap of this process.
                _ = ftruncate(currentInput, 0)
                _ = input.withUnsafeBytes { pwrite(currentInput, $0.baseAddress, $0.count, 0) }
            }
            let elapsed = clock.measure { target.run(input) }
            runs += 1
            if elapsed > slowest.duration { slowest = (elapsed, input.count) }
            let limit = Duration.milliseconds(Int(slowMilliseconds * (1 + Double(input.count) / 1_048_576)))
            if elapsed > limit {
                slowInputs += 1
                let path = FileManager.default.temporaryDirectory.appendingPathComponent("slow-\(target.name)-\(runs)").path
                FileManager.default.createFile(atPath: path, contents: Data(input))
                FileHandle.standardError.write(Data("\(target.name): an input of \(input.count) bytes took \(elapsed) (limit \(limit)); kept in \(path)\n".utf8))
            }
        }
        let millis = Double(slowest.duration.components.attoseconds) / 1e15 + Double(slowest.duration.components.seconds) * 1000
        print("fuzz \(target.name): \(runs) inputs (\(corpus.count) from the corpus), seed \(seed), slowest \(String(format: "%.1f", millis)) ms for \(slowest.size) bytes, \(slowInputs) too slow")
        return slowInputs == 0 ? 0 : 1
    }

    private func nextMutation(_ mutator: inout Mutator, _ corpus: [[UInt8]]) -> [UInt8] {
        mutator.mutate(corpus[mutator.below(corpus.count)], other: corpus[mutator.below(corpus.count)])
    }
}
