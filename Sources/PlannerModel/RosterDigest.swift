import Crypto
import PlannerModel

/// `sha256:` of the roster's canonical JSON, so a plan names the roster it was made from,
/// whether that came as JSON or as a CSV folder.
public enum RosterDigest {
    /// The digest a plan of `roster` carries in `rosterDigest`.
    public static func of(_ roster: Roster) -> String {
        let bytes = (try? RosterJSON.write(roster)) ?? []
        return "sha256:" + SHA256.hash(data: bytes).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
