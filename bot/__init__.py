"""The I/O side of briefbot: settings, storage, ingestion, the CLI and the Discord adapter."""
