//===--- InspectionReport.swift -------------------------------------------===//
//
// What `mpstudy inspect` found: every tensor's fit to every target, as plain data.
//
//===----------------------------------------------------------------------===//

import Precision

/// The findings of one inspect run: for each tensor of the files read, its fit to each format
/// or scheme asked for. Everything the report folder's files show comes from this value, and
/// `inspect.json` holds all of it.
public struct InspectionReport: Sendable, Equatable, Codable {
    /// Marks `inspect.json` as mpstudy's (``InspectionFolder`` recognises its folders by it).
    public var mpstudyInspect = 1
    /// The files, as named on the command line.
    public var files: [String]
    /// The targets, as named on the command line (canonical names), in order.
    public var targets: [String]
    public var tensors: [InspectedTensor]

    public init(files: [String], targets: [String], tensors: [InspectedTensor]) {
        self.files = files
        self.targets = targets
        self.tensors = tensors
    }
}

/// One tensor and its fits.
public struct InspectedTensor: Sendable, Equatable, Codable {
    public var file: String
    public var name: String
    /// The stored element type (`float32`, `bfloat16`, ...).
    public var elementType: String
    public var shape: [Int]
    /// One per target, in the report's target order.
    public var fits: [InspectedFit]

    public init(file: String, name: String, elementType: String, shape: [Int], fits: [InspectedFit]) {
        self.file = file
        self.name = name
        self.elementType = elementType
        self.shape = shape
        self.fits = fits
    }
}

/// A tensor's fit to one named target.
public struct InspectedFit: Sendable, Equatable, Codable {
    public var target: String
    public var fit: TensorFit

    public init(target: String, fit: TensorFit) {
        self.target = target
        self.fit = fit
    }
}
