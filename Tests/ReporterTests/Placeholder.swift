import Testing
@testable import Reporter
