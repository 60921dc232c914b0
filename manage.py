#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys

# The PDF toolkit's commands, for court IT staff: they read and write plain files,
# serve no requests and sign nothing, so they run without the web server's secret
# key and host names (sealing/settings.py reads this variable).
TOOLKIT_COMMANDS = frozenset(
    {"parse_portions", "locate_portions", "redact", "check_redactions"}
)
TOOLKIT_VARIABLE = "SEALING_TOOLKIT_COMMAND"


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sealing.settings")
    # Only this file says a toolkit command runs: a value inherited from the
    # environment must not let the server or any other command start without secrets.
    os.environ.pop(TOOLKIT_VARIABLE, None)
    if len(sys.argv) > 1 and sys.argv[1] in TOOLKIT_COMMANDS:
        os.environ[TOOLKIT_VARIABLE] = sys.argv[1]
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
