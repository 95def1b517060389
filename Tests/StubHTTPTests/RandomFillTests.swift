import StubHTTP
import Testing

/// `fillRandomly`, the batch of system randomness AuthStub's token values come from.
@Suite("Platform: random words")
struct RandomFillTests {
    @Test("two fills of 64 words: no word repeats, and about half of the 8,192 bits are set")
    func fills() {
        var first = [UInt64](repeating: 0, count: 64)
        var second = [UInt64](repeating: 0, count: 64)
        fillRandomly(&first)
        fillRandomly(&second)
        let words = first + second
        #expect(Set(words).count == 128)
        let ones = words.reduce(0) { $0 + $1.nonzeroBitCount }
        // 8,192 fair bits: mean 4,096, standard deviation about 45; ±400 is about 9 of them.
        #expect((3_696...4_496).contains(ones), "\(ones) bits set")
    }
}
