"""The kinds of failure the bridge reports, each with a hint (the TypeScript labs' @cdc-lab/common)."""

from __future__ import annotations

from cdc_lab import CdcLabError, ConfigurationError

__all__ = ["CdcLabError", "ConfigurationError", "PostgresSetupError", "ReplicationError", "SinkError"]


class PostgresSetupError(CdcLabError):
    """Postgres is not set up the way the bridge needs (a privilege, a publication, a setting)."""


class ReplicationError(CdcLabError):
    """The replication stream failed or said something the decoder cannot read."""


class SinkError(CdcLabError):
    """Kafka did not take what the bridge produced."""
