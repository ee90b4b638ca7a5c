import Logging
import PlannerServer
import ServiceLifecycle
import UnixSignals

/// Reloads the token file on SIGHUP (`systemctl reload hearing-planner`, the unit's
/// `ExecReload=`), telling systemd `RELOADING=1` first and `READY=1` once done. A file that cannot
/// be read leaves the tokens as they were and logs why, as an error.
struct ReloadOnHangup: Service {
    let signals: UnixSignalsSequence
    let tokens: TokenStore
    let notifier: SystemdNotifier
    let logger: Logger
    let status: @Sendable () -> String

    /// Traps SIGHUP now, so that a reload sent as soon as the service is ready cannot end it
    /// (SIGHUP's default action).
    static func trap(tokens: TokenStore, notifier: SystemdNotifier, logger: Logger, status: @escaping @Sendable () -> String) async -> ReloadOnHangup {
        ReloadOnHangup(signals: await UnixSignalsSequence(trapping: .sighup), tokens: tokens, notifier: notifier, logger: logger, status: status)
    }

    func run() async throws {
        for await _ in signals.cancelOnGracefulShutdown() {
            notifier.reloading()
            do {
                let count = try tokens.reload()
                logger.notice("reloaded the token file", metadata: ["tokens": "\(count)"])
            } catch {
                logger.error("the token file was not reloaded; the tokens read before stay in force", metadata: [
                    "file": "\(tokens.path)", "error": "\(error)",
                ])
            }
            notifier.ready(status: status())
        }
    }
}
