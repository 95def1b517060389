import Foundation

/// The soak's summary and verdict.
struct SoakReport {
    let options: SoakOptions
    let elapsed: Duration
    let start: ServerProbe.Sample
    let baseline: ServerProbe.Sample
    let end: ServerProbe.Sample
    let counts: SoakTally.Counts

    /// Why the run fails; empty when it passes.
    var problems: [String] {
        var problems: [String] = []
        if options.checkGrowth, Double(end.rssKiB) > Double(baseline.rssKiB) * 1.1 {
            problems.append("RSS grew more than 10%: \(Self.mebibytes(baseline.rssKiB)) → \(Self.mebibytes(end.rssKiB))")
        }
        if options.checkGrowth, end.descriptors > baseline.descriptors {
            problems.append("descriptors grew: \(baseline.descriptors) → \(end.descriptors)")
        }
        if counts.unexpected > 0 {
            problems.append("\(counts.unexpected) unexpected answers, e.g. " + counts.unexpectedSamples.joined(separator: " | "))
        }
        if counts.broken > counts.connectionFaultsAdded {
            problems.append("\(counts.broken) requests broke off, more than the \(counts.connectionFaultsAdded) connection faults added")
        }
        return problems
    }

    var lines: [String] {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let perSecond = seconds > 0 ? Int(Double(counts.requests) / seconds) : 0
        let growth = baseline.rssKiB > 0 ? (Double(end.rssKiB) - Double(baseline.rssKiB)) * 100 / Double(baseline.rssKiB) : 0
        return [
            "soak: \(options.pairs) login/logout pairs, \(counts.requests) requests in \(String(format: "%.1f", seconds)) s "
                + "(\(perSecond) requests/s) over \(options.connections) keep-alive connections",
            "  server RSS: \(Self.mebibytes(start.rssKiB)) at the start, \(Self.mebibytes(baseline.rssKiB)) after \(options.pairs / 10) pairs, "
                + "\(Self.mebibytes(end.rssKiB)) at the end (\(String(format: "%+.1f", growth))%, \(options.checkGrowth ? "limit +10%" : "not judged"))",
            "  server descriptors: \(start.descriptors) at the start, \(baseline.descriptors) after \(options.pairs / 10) pairs, \(end.descriptors) at the end",
            "  faults added: \(Self.listed(counts.faultsAdded)); answers marked X-AuthStub-Fault: \(counts.faultedAnswers); "
                + "requests broken off and reconnected: \(counts.broken)",
            "  clock moves: \(Self.listed(counts.clockMoves)); control reads: \(counts.controlReads), at most \(counts.mostTokensListed) tokens listed",
            "  logouts: \(counts.loggedOut) done, \(counts.retriedLogouts) retried after a fault, \(counts.refusedLogouts) refused (token ended first); "
                + "tokens left to expire: \(counts.abandoned)",
            problems.isEmpty ? "PASS" : "FAIL: " + problems.joined(separator: "; "),
        ]
    }

    static func mebibytes(_ kibibytes: Int) -> String { String(format: "%.1f MiB", Double(kibibytes) / 1024) }

    private static func listed(_ counts: [String: Int]) -> String {
        let total = counts.values.reduce(0, +)
        return "\(total) (" + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ") + ")"
    }
}
