/// What `mpstudy --version` prints: the package version and the git revision the program
/// was built from, e.g. `mpstudy 0.1.0 (git 1a2b3c4d5e6f)`, with `, modified` when
/// Package.swift, Sources/ or Plugins/ differed from that commit, or `(git revision unknown)`
/// when it was not built from a git checkout. The revision comes from the GitRevision
/// build-tool plugin (Plugins/GitRevision), which regenerates it after every commit, checkout
/// or source edit.
enum MPStudyVersion {
    /// The package version. SwiftPM has no version field for the root package (versions are
    /// git tags to its clients), so it is kept here and raised with each release.
    static let package = "0.1.0"

    static var description: String {
        guard let commit = GitRevision.commit else { return "mpstudy \(package) (git revision unknown)" }
        return "mpstudy \(package) (git \(commit)\(GitRevision.modified ? ", modified" : ""))"
    }
}
