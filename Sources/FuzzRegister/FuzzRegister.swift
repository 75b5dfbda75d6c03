import CityIndicatorsFuzz

/// libFuzzer entry point; see scripts/fuzz.sh and docs/fuzzing.md.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let broken = FuzzEntry.register(Array(UnsafeBufferPointer(start: data, count: size)))
    precondition(broken.isEmpty, broken.joined(separator: "; "))
    return 0
}
