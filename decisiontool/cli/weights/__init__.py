"""`decisiontool weights rank|swing|ahp|entropy|critic`: weights from judgements, optionally saved.

The judgements are turned into weights by `decisiontool.elicitation` (shared with the
Textual app); this module parses the command line, asks the swing questions in a terminal,
prints the result and writes the profile with `decisiontool.profile_writer`.
"""

from __future__ import annotations

# the commands register on weights_app when imported, in the order of `--help`
from decisiontool.cli.weights import commands as commands
from decisiontool.cli.weights.options import ForceOption, NameOption, SaveProfileOption, weights_app
from decisiontool.cli.weights.output import save
from decisiontool.cli.weights.swing import ask_swing

__all__ = ["ForceOption", "NameOption", "SaveProfileOption", "ask_swing", "save", "weights_app"]
