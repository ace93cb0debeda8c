import NeuralNet
import Testing
import _MPStudySupport

/// The fused ReLU backward pass (mask and bias gradient together) gives the bits of the two
/// separate passes it replaced, for several thread counts and a width that is not a multiple
/// of the 1024-column chunks.
@Suite struct ReLUBackwardFusionTests {
    @Test(arguments: [1, 3])
    func fusedPassHasTheBitsOfTwoPasses(threads: Int) {
        let rows = 37
        let columns = 2_500
        var rng = SeededGenerator(seed: 5)
        let gradient = Tensor(shape: [rows, columns])
        let activation = Tensor(shape: [rows, columns])
        for i in 0..<gradient.count {
            // Values of many magnitudes, so the order of the additions matters to the sums.
            let magnitude = Float(
                sign: rng.next() & 1 == 0 ? .plus : .minus, exponent: Int(rng.next() % 40) - 20, significand: 1.5)
            gradient.buffer[i] = i % 97 == 0 ? .nan : magnitude
            let a = rng.next() % 4
            activation.buffer[i] = a == 0 ? 0 : a == 1 ? -1 : a == 2 ? Float(i) : .nan
        }
        let context = ExecutionContext(parallelism: ParallelChunks(threads: threads))
        let separate = Tensor(shape: [rows, columns])
        separate.copy(from: gradient)
        let separateSums = Tensor(shape: [columns])
        ReLU.maskGradient(separate, by: activation, context: context)
        Dense.columnSums(separate, into: separateSums, context: context)
        let fused = Tensor(shape: [rows, columns])
        fused.copy(from: gradient)
        let fusedSums = Tensor(shape: [columns])
        ReLU.maskGradientSummingColumns(fused, by: activation, into: fusedSums, context: context)
        #expect(fused.readOnlyBuffer.map(\.bitPattern) == separate.readOnlyBuffer.map(\.bitPattern))
        #expect(fusedSums.readOnlyBuffer.map(\.bitPattern) == separateSums.readOnlyBuffer.map(\.bitPattern))
    }
}
