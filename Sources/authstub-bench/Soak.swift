import Foundation

/// `authstub-bench soak`: login/logout pairs against a running `authstub serve` over 2–4
/// keep-alive connections, with faults, clock moves and control reads mixed in. The server's
/// RSS and descriptors are read once the first tenth of the pairs is done and again at the
/// end, each time with the soak's connections closed; the run fails when the end RSS is over
/// 110% of the first reading, descriptors grew, or an answer could not be explained.
enum Soak {
    static func run(_ options: SoakOptions) async -> Int32 {
        let probe = ServerProbe(pid: options.pid)
        let tally = SoakTally()
        guard let start = probe.settledSample() else { return fail("no process \(options.pid)") }
        let clock = ContinuousClock()
        let began = clock.now
        let baselinePairs = options.pairs / 10
        var phases: [(pairs: Int, sample: ServerProbe.Sample)] = []
        for limit in [baselinePairs, options.pairs] {
            tally.startPhase(at: phases.last?.pairs ?? 0)
            if let problem = await runWorkers(options, tally: tally, limit: limit) { return fail(problem) }
            guard let sample = probe.settledSample() else { return fail("the server (pid \(options.pid)) is gone") }
            phases.append((limit, sample))
            print("soak: \(limit) pairs, server RSS \(SoakReport.mebibytes(sample.rssKiB)), \(sample.descriptors) descriptors")
        }
        let report = SoakReport(
            options: options,
            elapsed: clock.now - began,
            start: start,
            baseline: phases[0].sample,
            end: phases[1].sample,
            counts: tally.snapshot
        )
        for line in report.lines { print(line) }
        return report.problems.isEmpty ? 0 : 1
    }

    /// Runs `options.connections` workers, each on a thread of its own (their sockets block),
    /// until `limit` pairs have been handed out; a description of what stopped one, if any.
    private static func runWorkers(_ options: SoakOptions, tally: SoakTally, limit: Int) async -> String? {
        await withTaskGroup(of: String?.self) { group in
            for _ in 0..<options.connections {
                group.addTask {
                    await withCheckedContinuation { (continuation: CheckedContinuation<String?, Never>) in
                        Thread {
                            let worker = SoakWorker(host: options.host, port: options.port, every: options.every, tally: tally)
                            do throws(SoakProtocolError) {
                                try worker.run(limit: limit)
                                continuation.resume(returning: nil)
                            } catch {
                                worker.connection.close()
                                continuation.resume(returning: error.description)
                            }
                        }.start()
                    }
                }
            }
            var problem: String?
            for await result in group where problem == nil { problem = result }
            return problem
        }
    }

    private static func fail(_ problem: String) -> Int32 {
        FileHandle.standardError.write(Data("Error: \(problem)\n".utf8))
        return 1
    }
}
