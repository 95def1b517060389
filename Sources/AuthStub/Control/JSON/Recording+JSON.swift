import Foundation

/// `GET /__control/recording`: how much `authstub record` holds, its limits, and where a save
/// writes.
struct RecordingStatus: Sendable, Equatable {
    var exchanges: Int
    var bytes: Int
    /// Exchanges refused because the recording was full.
    var refused: Int
    var maximumExchanges: Int
    var maximumBytes: Int
    /// The service folder a save writes (`<out>/<service>`), when it has one.
    var folder: String?

    init(status: Recording.Status, destination: Recording.Destination?) {
        exchanges = status.exchanges
        bytes = status.bytes
        refused = status.refused
        maximumExchanges = status.limits.maximumExchanges
        maximumBytes = status.limits.maximumBytes
        folder = destination?.serviceFolder.path
    }
}

extension RecordingStatus: ControlModel {
    enum Field: String, ControlField {
        case exchanges, bytes, refused, maximumExchanges, maximumBytes, folder

        /// See `ControlSchema`.
        var schema: ControlSchema {
            switch self {
            case .exchanges: .integer("Exchanges recorded.")
            case .bytes: .integer("Bytes recorded.")
            case .refused: .integer("Exchanges refused because the recording was full.")
            case .maximumExchanges: .integer("The most exchanges it holds.")
            case .maximumBytes: .integer("The most bytes it holds.")
            case .folder: .string("The service folder a save writes.")
            }
        }
    }

    init(_ fields: ControlFields<Field>) throws(ControlError) {
        var limits = Recording.Limits()
        limits.maximumExchanges = try fields.int(.maximumExchanges) ?? limits.maximumExchanges
        limits.maximumBytes = try fields.int(.maximumBytes) ?? limits.maximumBytes
        self.init(
            status: Recording.Status(
                exchanges: try fields.int(.exchanges) ?? 0,
                bytes: try fields.int(.bytes) ?? 0,
                refused: try fields.int(.refused) ?? 0,
                limits: limits
            ),
            destination: nil
        )
        folder = try fields.string(.folder)
    }

    var object: ControlObject<Field> {
        var object: ControlObject<Field> = [
            .exchanges: .int(exchanges), .bytes: .int(bytes), .refused: .int(refused),
            .maximumExchanges: .int(maximumExchanges), .maximumBytes: .int(maximumBytes),
        ]
        object[.folder] = folder.map(JSONValue.string)
        return object
    }
}
