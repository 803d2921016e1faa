"""What every Python lab program shares: errors a user can act on, and the starter's todo().

The TypeScript labs have the same three pieces in @cdc-lab/common; the graders read the same
lines from both: ``error: <message>`` and ``hint: <what to do>`` on stderr, exit code 1.
"""

from cdc_lab.errors import CdcLabError, ConfigurationError, NotImplementedYet, todo
from cdc_lab.main import run_main
from cdc_lab.stop import StopRequest

__all__ = ["CdcLabError", "ConfigurationError", "NotImplementedYet", "todo", "run_main", "StopRequest"]
