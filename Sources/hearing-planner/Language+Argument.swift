import ArgumentParser
import Localization

/// `--lang nl|en`.
extension Language: ExpressibleByArgument {}
