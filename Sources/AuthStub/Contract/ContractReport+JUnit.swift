extension ContractReport {
    /// JUnit XML for CI: one test suite per service, one test case per check, a `failure`
    /// listing the drifts of each check that did not match.
    public func junitXML() -> String {
        var lines = [
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
            "<testsuites name=\"authstub verify\" tests=\"\(checks.count)\" failures=\"\(failureCount)\">",
        ]
        var services: [String] = []
        for check in checks where !services.contains(check.service) { services.append(check.service) }
        for service in services {
            let suite = checks.filter { $0.service == service }
            lines.append("  <testsuite name=\"\(Self.escaped(service))\" tests=\"\(suite.count)\" failures=\"\(suite.count { !$0.passed })\">")
            for check in suite {
                let name = Self.escaped("\(check.method) \(check.path) \(check.exampleName)\(check.deprecated ? " [deprecated]" : "")")
                let open = "    <testcase classname=\"\(Self.escaped("\(check.service).\(check.endpoint)"))\" name=\"\(name)\""
                if check.passed {
                    lines.append(open + "/>")
                } else {
                    let message = Self.escaped(check.drifts.joined(separator: "; "))
                    lines.append(open + ">")
                    lines.append("      <failure message=\"\(message)\">\(Self.escaped(check.drifts.joined(separator: "\n")))</failure>")
                    lines.append("    </testcase>")
                }
            }
            lines.append("  </testsuite>")
        }
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text safe inside XML content and attribute values.
    static func escaped(_ text: String) -> String {
        var result = ""
        for character in text.unicodeScalars {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            case "\n": result += "&#10;"
            default:
                if character.value < 0x20 && character != "\t" { result += "&#\(character.value);" } else { result.unicodeScalars.append(character) }
            }
        }
        return result
    }
}
