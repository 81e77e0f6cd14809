"""The ``parlib`` command. Each sub-command lives in its own module with ``register(subparsers)``;
list it in COMMANDS to make it available."""
COMMANDS = [
    "parlib.cli.build_cmd",
    "parlib.cli.summary_cmd",
    "parlib.cli.brief_cmd",
    "parlib.cli.import_cmd",
    "parlib.cli.weak_cmd",
    "parlib.cli.export_panel_cmd",
    "parlib.cli.regional_cmd",
    "parlib.cli.uncertainty_cmd",
    "parlib.cli.targets_cmd",
]
