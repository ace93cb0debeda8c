import Testing
@testable import Analyzer
