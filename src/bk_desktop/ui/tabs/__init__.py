"""ui/tabs layer (see docs/architecture.md)."""
