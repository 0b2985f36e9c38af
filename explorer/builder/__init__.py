"""The build wing: everything that writes the database (validation, stored texts, codebook, views)."""

from explorer.builder.database import BuildError, BuildStatus, build, build_inputs, ensure_current, is_stale

__all__ = ["BuildError", "BuildStatus", "build", "build_inputs", "ensure_current", "is_stale"]
