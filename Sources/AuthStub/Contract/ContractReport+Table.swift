import StubHTTP

extension ContractReport {
    /// A table for people: one row per check, then a one-line verdict.
    public func table() -> String {
        let header = ["RESULT", "METHOD", "PATH", "EXAMPLE", "STATUS", "NOTES"]
        let rows = checks.map { check -> [String] in
            let status =
                check.actualStatus.map { $0 == check.expectedStatus ? "\($0)" : "\($0) (want \(check.expectedStatus))" }
                ?? "- (want \(check.expectedStatus))"
            var notes = check.drifts
            if check.deprecated { notes.insert("DEPRECATED", at: 0) }
            return [check.passed ? "PASS" : "FAIL", check.method.rawValue, check.path, check.exampleName, status, notes.joined(separator: "; ")]
        }
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        let lines = ([header] + rows).map { row in
            row.enumerated().map { column, cell in
                column == row.count - 1 ? cell : cell + String(repeating: " ", count: max(0, widths[column] - cell.count))
            }.joined(separator: "  ").trimmingSpaces()
        }
        return (lines + [verdict]).joined(separator: "\n")
    }

    /// `6 examples checked: all match.` or `6 examples checked: 2 did not match the fixtures.`
    public var verdict: String {
        if checks.isEmpty { return "No examples to check: the fixtures document no requests." }
        let count = "\(checks.count) example\(checks.count == 1 ? "" : "s") checked"
        return failureCount == 0 ? "\(count): all match." : "\(count): \(failureCount) did not match the fixtures."
    }
}
