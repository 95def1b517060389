import Foundation
import StubHTTP

extension ClockStatus: ControlModel {
    enum Field: String, ControlField {
        case now, frozen, offsetMs

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .now: .date("The server clock's time.").required
            case .frozen: .boolean("Whether the clock stands still.").required
            case .offsetMs: .integer("How far the clock is from real time, in milliseconds.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(
            now: try fields.requiredDate(.now),
            frozen: try fields.requiredBool(.frozen),
            offset: .milliseconds(try fields.int64(.offsetMs) ?? 0)
        )
    }

    var object: ControlObject<Field> {
        [.now: ControlJSON.date(now), .frozen: .bool(frozen), .offsetMs: ControlJSON.milliseconds(offset)]
    }
}

/// `{"advance": "8h"}`, `{"advanceSeconds": 28800}`, `{"set": "2026-11-23T10:00:00Z"}`, `{"freeze": true}`,
/// or several at once.
extension ClockChange: ControlModel {
    enum Field: String, ControlField {
        case advance, advanceSeconds, set, freeze

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .advance: .string("Move the clock by a duration: `8h`, `90s`, `-15m`, `1h30m`.")
            case .advanceSeconds: .number("Move the clock by this many seconds (not with advance).")
            case .set: .date("Set the clock to this time.")
            case .freeze: .boolean("True stops the clock, false lets it run.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        self.init(set: try fields.date(.set), freeze: try fields.bool(.freeze))
        if let text = try fields.string(.advance) {
            let negative = text.hasPrefix("-")
            guard let milliseconds = DurationText.milliseconds(negative ? String(text.dropFirst()) : text) else {
                let field = fields.name(.advance)
                throw .badInput("\(field) must be a duration like \"8h\", \"90s\", \"15m\" or \"1h30m\", not \"\(text)\"", field: field)
            }
            advance = .milliseconds(negative ? -milliseconds : milliseconds)
        }
        if let seconds = try fields.double(.advanceSeconds) {
            let field = fields.name(.advanceSeconds)
            guard advance == nil else { throw .badInput("give \(fields.name(.advance)) or \(field), not both", field: field) }
            guard abs(seconds) < 1e12 else { throw .badInput("\(field) is out of range", field: field) }
            advance = .milliseconds(Int64((seconds * 1000).rounded()))
        }
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [:]
        object[.set] = set.map(ControlJSON.date)
        if let advance {
            let milliseconds = advance.saturatedMilliseconds
            object[.advanceSeconds] =
                milliseconds % 1000 == 0 ? .number(String(milliseconds / 1000)) : .double(Double(milliseconds) / 1000)
        }
        object[.freeze] = freeze.map(JSONValue.bool)
        return object
    }
}
