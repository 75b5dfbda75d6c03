import ArgumentParser
import CityIndicators
import Foundation

@main
struct CityInd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cityind",
        abstract: "Turn a city's departmental data submissions into certified city indicators.",
        discussion: """
            Departments submit raw data elements as CSV; CityIndicators validates them against the
            catalog, computes ISO 37120 and Indian framework indicators, and explains every number.

            Exit codes: 0 success, 1 data problems found, 2 usage error or unreadable input.
            """,
        subcommands: [
            TemplatesCommand.self, Validate.self, Import.self, Compute.self, Report.self, Score.self, Status.self,
            History.self, Diff.self, Explain.self, Check.self, CatalogCommand.self, Generate.self,
            GenerateRegisters.self, Docs.self,
        ]
    )

    /// Like ArgumentParser's `main()`, but usage errors and unreadable input exit 2.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as UserFacingError {
            let err = Terminal.standardError
            if let catalog = error as? CatalogError {
                for d in catalog.diagnostics where d.severity == .error { err.write(err.render(d)) }
            }
            err.write(err.style("error: ", .red) + error.description + "\n")
            Foundation.exit(2)
        } catch let code as ExitCode {
            exit(withError: code)
        } catch {
            switch exitCode(for: error) {
            case .validationFailure:
                Terminal.standardError.write(fullMessage(for: error) + "\n")
                Foundation.exit(2)
            case .success:
                exit(withError: error)  // --help, --version
            default:
                // Anything else (an output that cannot be encoded, a file system error) is not a
                // data problem: exit 2 with the reason, never 1.
                let err = Terminal.standardError
                err.write(err.style("error: ", .red) + "\(error)\n")
                Foundation.exit(2)
            }
        }
    }
}
