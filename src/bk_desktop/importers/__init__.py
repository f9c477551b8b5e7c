"""importers layer (see docs/architecture.md)."""
