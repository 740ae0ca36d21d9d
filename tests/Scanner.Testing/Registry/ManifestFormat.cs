namespace Scanner.Testing.Registry;

/// <summary>Which manifest family the seeder writes: OCI (manifest, index) or Docker (schema 2, manifest list).</summary>
public enum ManifestFormat
{
    Oci,
    Docker,
}
