"""CLI command groups; each module exposes ``register(app)``.  Listed in ``casekit.cli.COMMAND_MODULES``."""
