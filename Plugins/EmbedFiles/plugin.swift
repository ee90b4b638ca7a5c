import Foundation
import PackagePlugin

/// Builds the files under a target's `Embedded/` folder into the target itself, as one generated
/// Swift source (`EmbeddedFiles.files`), so that templates, catalogues, style sheets and scripts
/// ship inside the binary: nothing to install beside it, nothing fetched at run time.
///
/// The target excludes `Embedded` from its sources (`exclude: ["Embedded"]`); this plugin reads
/// the folder itself and reruns the generator whenever one of its files changes.
@main
struct EmbedFiles: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = target.directoryURL.appending(path: "Embedded")
        let files = Self.files(under: folder)
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedFiles.swift")
        return [
            .buildCommand(
                displayName: "Embedding \(files.count) files into \(target.name)",
                executable: try context.tool(named: "embed-files").url,
                arguments: [output.path(), folder.path()] + files.map { $0.path() },
                inputFiles: files,
                outputFiles: [output])
        ]
    }

    /// Every regular file below `folder`, in a stable order; hidden files are left out. A symbolic
    /// link to a regular file counts as one, under the link's name: a file the project keeps
    /// elsewhere (docs/openapi.yaml) is embedded from its one copy.
    static func files(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
        else { return [] }
        var files: [URL] = []
        for case let url as URL in walker
        where (try? url.resolvingSymlinksInPath().resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true {
            files.append(url)
        }
        return files.sorted { $0.path() < $1.path() }
    }
}
