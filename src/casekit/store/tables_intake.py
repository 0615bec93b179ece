"""Tables owned by the intake part of casekit (see its migration in migrations/versions)."""

from __future__ import annotations

from .base import Base  # noqa: F401  (tables declared here subclass Base)
