import Testing
@testable import CityIndicators

@Test func placeholderCompiles() { #expect(Dimension.none.isDimensionless) }
