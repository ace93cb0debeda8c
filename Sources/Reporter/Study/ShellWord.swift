//===--- ShellWord.swift --------------------------------------------------===//
//
// Quoting for the shell lines mpstudy writes (jobs.txt, sweep.sbatch).
//
//===----------------------------------------------------------------------===//

import Foundation

/// Shell quoting for the lines mpstudy writes.
public enum ShellWord {
    /// `word` as one shell word: unquoted when it is made of safe characters, else in single
    /// quotes (a single quote inside written as '\'').
    public static func quoted(_ word: String) -> String {
        let safe =
            !word.isEmpty
            && word.allSatisfy { c in
                c.isASCII && (c.isLetter || c.isNumber || "-_./=:,+@%".contains(c))
            }
        return safe ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// `word` with anything but letters, digits, '-', '_' and '.' made '_' (job names).
    static func plain(_ word: String) -> String { StudyRun.plain(word) }
}
