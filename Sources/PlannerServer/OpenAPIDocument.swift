/// The API's description, served at `/v1/openapi.yaml`: docs/openapi.yaml itself, built into the
/// binary by the EmbedFiles plugin (Embedded/openapi.yaml is a link to it), so there is one copy.
enum OpenAPIDocument {
    static let yaml: String = EmbeddedFiles.files["openapi.yaml"] ?? ""
}
