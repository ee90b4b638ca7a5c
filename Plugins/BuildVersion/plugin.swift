import Foundation
import PackagePlugin

/// Builds the package's version, the one line of the file `VERSION` at the package's root, into
/// the target as `BuildInfo.version`. The same file names the Debian package's version
/// (Makefile), so the version is written in one place and set when the binary is built.
@main
struct BuildVersion: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let versionFile = context.package.directoryURL.appending(path: "VERSION")
        let output = context.pluginWorkDirectoryURL.appending(path: "BuildInfo.swift")
        return [
            .buildCommand(
                displayName: "Writing the version of \(target.name) from VERSION",
                executable: try context.tool(named: "version-source").url,
                arguments: [versionFile.path(), output.path()],
                inputFiles: [versionFile],
                outputFiles: [output])
        ]
    }
}
