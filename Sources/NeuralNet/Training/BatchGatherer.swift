//===--- BatchGatherer.swift ----------------------------------------------===//
//
// Copies a (shuffled) batch of images into the input tensor, scaling pixels by 1/255.
//
//===----------------------------------------------------------------------===//

import _MPStudySupport

/// Owns the input tensor and label buffer of a batch and fills them from ``LabeledImages``.
///
/// Pixels become `Float(p) / 255` through a 256-entry table computed once with a float32
/// division, so every value is bit-identical to Keras's `x.astype("float32") / 255` and the
/// gather is one table lookup per pixel (rows split over the cores).
public final class BatchGatherer {
    /// `[rows, features]`, rows = the current batch.
    public let input: Tensor
    /// Values per image.
    public let features: Int
    private let labelStorage: UnsafeMutablePointer<Int32>
    private let labelCapacity: Int
    private let table: [Float]

    public init(batchCapacity: Int, features: Int) {
        precondition(batchCapacity > 0 && features > 0)
        self.features = features
        input = Tensor(shape: [0, features], capacityRows: batchCapacity)
        labelCapacity = batchCapacity
        labelStorage = .allocate(capacity: batchCapacity)
        labelStorage.initialize(repeating: 0, count: batchCapacity)
        table = (0..<256).map { Float($0) / Float(255) }
    }

    deinit { labelStorage.deallocate() }

    /// The labels of the current batch.
    public var labels: UnsafeBufferPointer<Int32> { UnsafeBufferPointer(start: labelStorage, count: input.rows) }

    /// Fills the batch with the images `indices` of `source` (in that order).
    public func gather(_ source: LabeledImages, indices: UnsafeBufferPointer<Int32>, context: ExecutionContext) {
        precondition(source.features == features && indices.count <= labelCapacity)
        input.setRows(indices.count)
        context.profiler.measure(.batchGather) {
            source.pixels.withUnsafeBufferPointer { pixels in
                source.labels.withUnsafeBufferPointer { labels in
                    table.withUnsafeBufferPointer { table in
                        let out = input.baseAddress
                        let lab = labelStorage
                        let f = features
                        let px = pixels.baseAddress!
                        let tb = table.baseAddress!
                        let size = context.parallelism.chunkSize(workPerItem: max(f, 1))
                        context.parallelism.forEachChunk(count: indices.count, chunkSize: size) { rows in
                            for r in rows {
                                let index = Int(indices[r])
                                let src = px + index * f
                                let dst = out + r * f
                                for c in 0..<f { dst[c] = tb[Int(src[c])] }
                                lab[r] = Int32(labels[index])
                            }
                        }
                    }
                }
            }
        }
    }

    /// Fills the batch with the consecutive images `range` of `source` (evaluation).
    public func gather(_ source: LabeledImages, range: Range<Int>, context: ExecutionContext) {
        let indices = range.map { Int32($0) }
        indices.withUnsafeBufferPointer { gather(source, indices: $0, context: context) }
    }
}
