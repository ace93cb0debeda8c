//===--- CommandLineExit.swift --------------------------------------------===//
//
// How every mpstudy command ends on an error: one exit status per class, one line.
//
//===----------------------------------------------------------------------===//

import ArgumentParser
import Foundation
import _MPStudySupport
import NeuralNet
import SoftFloat

/// A library error that can only come from what was typed on the command line: it ends the
/// program as a usage error (exit 64) wherever it is thrown. In `validate()` it must be
/// rethrown as ``ArgumentParser/ValidationError/init(_:)``, because argument-parser wraps
/// whatever `validate()` throws and reports any other error type with exit 1.
protocol UsageError: Error {}

/// The training numbers (`--epochs 0`, `--validation-split 1`, ...), including the split that
/// turns out empty for the data loaded.
extension TrainingConfigurationError: UsageError {}

/// A malformed number, bit pattern or expression given to explain, decode or calc.
extension FloatParseError: UsageError {}

extension ValidationError {
    /// A library usage error as argument-parser's validation error (exit 64), for `validate()`.
    init(_ error: some UsageError) { self.init(String(describing: error)) }
}

/// The end of a run that threw: the exit status and what is printed, the same for every
/// command (README, "Exit status and errors").
///
/// - 0: help, `--version` and completion scripts (requested through errors by
///   argument-parser), printed in full on standard output.
/// - 64 (`EX_USAGE` of sysexits.h): the command line is wrong: argument-parser's parse and
///   validation errors (unknown option, missing or extra value, a value it cannot read, a
///   ``CommandLineChoice`` name it does not know, anything `validate()` refuses) and any
///   ``UsageError``.
/// - 1: everything else: data and runtime errors (a missing or corrupt file, an unwritable
///   folder), and a failed check (`verify` throws `ExitCode.failure` after printing its
///   mismatches, so nothing more is printed).
///
/// Every message is exactly one line on standard error, `mpstudy: error: <message>`: control
/// characters (a newline or an escape sequence coming from an argument) are written as
/// escapes, and a message longer than ``maximumLength`` characters is cut.
struct CommandLineExit {
    let status: Int32
    /// The error line without its prefix (nil: print nothing).
    let message: String?
    /// Help, version or completion text for standard output (status 0).
    let fullText: String?

    static let usage: Int32 = ExitCode.validationFailure.rawValue
    static let failure: Int32 = ExitCode.failure.rawValue
    /// Long enough for every valid-names list, short enough to stay one readable line when
    /// an argument is a page long.
    static let maximumLength = 600

    init(_ error: Error, command: ParsableCommand.Type) {
        if let exit = error as? ExitCode {
            (status, message, fullText) = (exit.rawValue, nil, nil)
            return
        }
        if error is UsageError {
            (status, message, fullText) = (Self.usage, String(describing: error), nil)
            return
        }
        let code = command.exitCode(for: error)
        if code == .success {
            (status, message, fullText) = (0, nil, command.fullMessage(for: error))
        } else {
            let text = command.message(for: error)
            status = code == .validationFailure ? Self.usage : Self.failure
            message = text.isEmpty ? nil : text
            fullText = nil
        }
    }

    /// Prints the help text on standard output or the one error line on standard error.
    func report() {
        if let fullText {
            print(fullText)
        } else if let message {
            FileHandle.standardError.write(Data("mpstudy: error: \(Self.oneLine(message))\n".utf8))
        }
    }

    /// `text` as one printable line: C0 and C1 control characters and DEL as escapes (`\n`,
    /// `\r`, `\t`, `\u{1B}`), cut to ``maximumLength`` characters with `...`.
    static func oneLine(_ text: String) -> String {
        let line = ControlCharacters.visible(text)
        return line.count > maximumLength ? String(line.prefix(maximumLength - 3)) + "..." : line
    }
}
