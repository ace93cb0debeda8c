import Testing
@testable import SoftFloat
