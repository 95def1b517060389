/// The installed faults, indexed so that a request looks only at the faults that could apply
/// to it. Lives inside the engine's lock.
///
/// Live faults sit in chains in the order they were added, delays apart from the faults that
/// answer: one chain per exact `match.path`, and one for the faults whose path has a `*` or is
/// left out. For its delay, and again for its answer, a request walks its own path's chain and
/// the any-path chain merged by id ("first added, first tried"), and stops at the first fault
/// that applies. So exact-path faults on other paths and spent faults cost a request nothing;
/// the faults it does try are those of its own path, the globs and the path-less ones before the
/// first that applies. A fault that is spent leaves its chain at once (O(1)) for `history`;
/// removing one by id is O(1) while it is live, O(`FaultHistory.limit`) once spent.
///
/// For listing, `order` holds the live faults' numbers ascending (the order added), so a page
/// starts after an id by a binary search and walks on from there (`page(after:limit:)`).
struct FaultList: Sendable {
    /// How many faults may be live at once, unless a test says otherwise.
    static let defaultLiveLimit = 1_000_000
    /// How many bytes live and spent faults may hold together (`Fault.heldBytes`, plus a glob
    /// path's compiled pieces). Spent faults are forgotten, oldest first, to make room.
    static let byteLimit = 64 * 1024 * 1024

    /// A live fault and its neighbours in its chain, by number (`f12` is 12).
    private struct Link: Sendable {
        var installed: InstalledFault
        /// The compiled `match.path` when it has a `*`; nil when the chain is the path's own.
        let pattern: PathPattern?
        /// The match's request values (`values`, `grant`); nil: any.
        let values: RequestMatch?
        let chain: Chain
        let bytes: Int
        var previous: Int?
        var next: Int?
    }

    /// Which chain a live fault is in.
    private struct Chain: Hashable, Sendable {
        /// The fault's `match.path` when it has no `*`; nil for a glob or no path.
        let path: String?
        /// `delay` faults, or the faults that answer.
        let delays: Bool
    }

    /// The first and last fault of a chain.
    private struct Ends: Sendable {
        var first: Int
        var last: Int
    }

    /// How many faults may be live at once.
    let liveLimit: Int
    private var links: [Int: Link] = [:]
    private var chains: [Chain: Ends] = [:]
    /// The live faults' numbers, ascending, and numbers of faults no longer live not yet swept
    /// out (`staleInOrder` of them): a fault leaving costs O(1), and the array is swept once
    /// it holds as many stale numbers as live ones (O(1) amortised).
    private var order: [Int] = []
    private var staleInOrder = 0
    /// The sum of the live faults' bytes.
    private var liveBytes = 0
    private(set) var history = FaultHistory()
    /// Ids are `f1`, `f2`, … and never reused until a reset.
    private var nextNumber = 1

    init(liveLimit: Int = Self.defaultLiveLimit) {
        self.liveLimit = liveLimit
    }

    /// No live fault: a request need not look.
    var isEmpty: Bool { links.isEmpty }

    /// Live faults and the spent ones still in the history.
    var count: Int { links.count + history.count }

    /// Up to `limit` faults listed, live and spent, in the order they were added, after the
    /// fault with id `after` (nil: from the first); nil when `after` is not a listed fault.
    /// Costs a binary search, the page, and a sort of the spent faults kept (at most
    /// `FaultHistory.limit`), not a sort of the live ones.
    func page(after id: String?, limit: Int) -> [InstalledFault]? {
        var after = 0
        if let id {
            guard let number = Self.number(id), links[number] != nil || history.entry(number: number) != nil else { return nil }
            after = number
        }
        var live = Self.firstIndex(in: order, after: after)
        let spent = history.entries.filter { $0.number > after }.sorted { $0.number < $1.number }
        var nextSpent = spent.startIndex
        var page: [InstalledFault] = []
        while page.count < limit {
            while live < order.count, links[order[live]] == nil { live += 1 }
            let liveNumber = live < order.count ? order[live] : nil
            let spentNumber = nextSpent < spent.endIndex ? spent[nextSpent].number : nil
            guard let number = Self.earlier(liveNumber, spentNumber) else { break }
            if number == liveNumber, let link = links[number] {
                page.append(link.installed)
                live += 1
            } else if nextSpent < spent.endIndex {
                page.append(spent[nextSpent].fault)
                nextSpent += 1
            } else {
                break
            }
        }
        return page
    }

    /// The index of the first number in ascending `numbers` above `number`. O(log n).
    private static func firstIndex(in numbers: [Int], after number: Int) -> Int {
        var low = 0
        var high = numbers.count
        while low < high {
            let middle = low + (high - low) / 2
            if numbers[middle] <= number { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// A validated fault made ready to install outside the lock: its path and request values
    /// compiled, its bytes counted.
    struct Addition: Sendable {
        let fault: Fault
        let pattern: PathPattern?
        let values: RequestMatch?
        let bytes: Int

        /// A 400 when the match's request values do not read (`Fault.validated` has checked).
        init(_ fault: Fault) throws(ControlError) {
            self.fault = fault
            pattern = fault.match.path.map(PathPattern.init)
            values = try fault.match.requestMatch()
            bytes = fault.heldBytes + (pattern?.compiledBytes ?? 0)
        }
    }

    /// Installs a fault at the end of its chain, or a 409 when the live faults are at
    /// `liveLimit` or would hold more than `byteLimit`.
    mutating func add(_ addition: Addition) throws(ControlError) -> InstalledFault {
        let bytes = addition.bytes
        guard links.count < liveLimit else {
            throw ControlError(status: 409, message: "at most \(liveLimit) faults can be live at once; remove some first")
        }
        guard liveBytes + bytes <= Self.byteLimit else {
            throw ControlError(
                status: 409,
                message: "live faults can hold at most \(Self.byteLimit / 1024 / 1024) MiB of bodies, headers and matches; remove some first"
            )
        }
        while liveBytes + history.bytes + bytes > Self.byteLimit, history.evictOldest() {}
        let number = nextNumber
        nextNumber += 1
        let fault = addition.fault
        let installed = InstalledFault(id: "f\(number)", fault: fault, remaining: fault.times, applied: 0)
        let chain = Chain(path: addition.pattern?.exactPath, delays: fault.delays)
        let pattern = addition.pattern?.exactPath == nil ? addition.pattern : nil
        var link = Link(installed: installed, pattern: pattern, values: addition.values, chain: chain, bytes: bytes)
        if let last = chains[chain]?.last {
            link.previous = last
            links[last]?.next = number
            chains[chain]?.last = number
        } else {
            chains[chain] = Ends(first: number, last: number)
        }
        links[number] = link
        order.append(number)
        liveBytes += bytes
        return installed
    }

    /// The fault with `id`, live or in the history.
    func fault(id: String) -> InstalledFault? {
        guard let number = Self.number(id) else { return nil }
        return links[number]?.installed ?? history.entry(number: number)?.fault
    }

    /// Removes the fault with `id`, live or in the history; false when there is none.
    mutating func remove(id: String) -> Bool {
        guard let number = Self.number(id) else { return false }
        return unlink(number) != nil || history.remove(number: number)
    }

    /// Removes every fault, live and spent; ids go on from where they were.
    mutating func removeAll() {
        let next = nextNumber
        self = FaultList(liveLimit: liveLimit)
        nextNumber = next
    }

    /// The faults that apply to `target`, each counted down: the first `delay` that matches and
    /// the first other fault that matches ("first added, first tried"). A fault that is spent
    /// moves to the history.
    mutating func take(for target: FaultTarget) -> (delay: InstalledFault?, answer: InstalledFault?) {
        (takeFirst(for: target, delays: true), takeFirst(for: target, delays: false))
    }

    /// The first delay (or answer) that applies to `target`, counted down: the chains of its
    /// path and of any path, merged by number.
    private mutating func takeFirst(for target: FaultTarget, delays: Bool) -> InstalledFault? {
        var onPath = chains[Chain(path: target.path, delays: delays)]?.first
        var anyPath = chains[Chain(path: nil, delays: delays)]?.first
        while let number = Self.earlier(onPath, anyPath), let link = links[number] {
            if number == onPath { onPath = link.next } else { anyPath = link.next }
            if link.pattern?.matches(target.path) ?? true, link.values?.holds(for: target.values) ?? true, link.installed.fault.applies(to: target) {
                return countDown(number)
            }
        }
        return nil
    }

    /// Counts one application of live fault `number`; moves it to the history once spent.
    private mutating func countDown(_ number: Int) -> InstalledFault? {
        guard var link = links[number] else { return nil }
        link.installed.applied += 1
        if let remaining = link.installed.remaining { link.installed.remaining = remaining - 1 }
        if link.installed.remaining == 0 {
            _ = unlink(number)
            history.append(FaultHistory.Entry(number: number, fault: link.installed, bytes: link.bytes))
        } else {
            links[number] = link
        }
        return link.installed
    }

    /// Takes live fault `number` out of its chain and the index. O(1).
    private mutating func unlink(_ number: Int) -> Link? {
        guard let link = links.removeValue(forKey: number) else { return nil }
        switch (link.previous, link.next) {
        case (nil, nil):
            chains[link.chain] = nil
        case (nil, let next?):
            chains[link.chain]?.first = next
            links[next]?.previous = nil
        case (let previous?, nil):
            chains[link.chain]?.last = previous
            links[previous]?.next = nil
        case (let previous?, let next?):
            links[previous]?.next = next
            links[next]?.previous = previous
        }
        liveBytes -= link.bytes
        staleInOrder += 1
        if links.isEmpty {  // gives back the storage of the faults spent or removed
            links = [:]
            chains = [:]
            order = []
            staleInOrder = 0
        } else if staleInOrder >= links.count {
            order.removeAll { links[$0] == nil }
            staleInOrder = 0
        }
        return link
    }

    /// The smaller of two chain positions: the fault added first.
    private static func earlier(_ first: Int?, _ second: Int?) -> Int? {
        guard let first, let second else { return first ?? second }
        return min(first, second)
    }

    /// 12 for `f12`; nil for anything that is not an id as the server writes it.
    private static func number(_ id: String) -> Int? {
        guard id.hasPrefix("f"), let number = Int(id.dropFirst()), "f\(number)" == id else { return nil }
        return number
    }
}
