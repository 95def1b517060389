import Foundation
import StubHTTP

extension ClockStatus {
    var json: JSONValue {
        .object(["now": ControlJSON.date(now), "frozen": .bool(frozen), "offsetMs": ControlJSON.milliseconds(offset)])
    }

    static func decode(_ value: JSONValue) throws(ControlError) -> ClockStatus {
        let fields = try ControlFields(value, allowed: nil)
        return ClockStatus(
            now: try fields.requiredDate("now"),
            frozen: try fields.requiredBool("frozen"),
            offset: .milliseconds(try fields.int64("offsetMs") ?? 0)
        )
    }
}

/// `{"advance": "8h"}`, `{"advanceSeconds": 28800}`, `{"set": "2026-11-23T10:00:00Z"}`, `{"freeze": true}`,
/// or several at once.
extension ClockChange {
    static func decode(_ value: JSONValue) throws(ControlError) -> ClockChange {
        let fields = try ControlFields(value, allowed: ["advance", "advanceSeconds", "set", "freeze"])
        var change = ClockChange(set: try fields.date("set"), freeze: try fields.bool("freeze"))
        if let text = try fields.string("advance") {
            let negative = text.hasPrefix("-")
            guard let milliseconds = DurationText.milliseconds(negative ? String(text.dropFirst()) : text) else {
                throw .badInput("advance must be a duration like \"8h\", \"90s\", \"15m\" or \"1h30m\", not \"\(text)\"", field: "advance")
            }
            change.advance = .milliseconds(negative ? -milliseconds : milliseconds)
        }
        if let seconds = try fields.double("advanceSeconds") {
            guard change.advance == nil else { throw .badInput("give advance or advanceSeconds, not both", field: "advanceSeconds") }
            guard abs(seconds) < 1e12 else { throw .badInput("advanceSeconds is out of range", field: "advanceSeconds") }
            change.advance = .milliseconds(Int64((seconds * 1000).rounded()))
        }
        return change
    }

    var json: JSONValue {
        var object: JSONObject = [:]
        if let set { object["set"] = ControlJSON.date(set) }
        if let advance {
            let milliseconds = advance.saturatedMilliseconds
            object["advanceSeconds"] = milliseconds % 1000 == 0 ? .number(String(milliseconds / 1000)) : .double(Double(milliseconds) / 1000)
        }
        if let freeze { object["freeze"] = .bool(freeze) }
        return .object(object)
    }
}
