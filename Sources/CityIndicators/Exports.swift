// The `CityIndicators` library: the use cases the commands call, and every stage of the
// pipeline re-exported, so a user of the library writes one import.
@_exported import CityIndicatorsBase
@_exported import CityIndicatorsCatalog
@_exported import CityIndicatorsCompute
@_exported import CityIndicatorsIntake
@_exported import CityIndicatorsOutput
@_exported import CityIndicatorsStore
