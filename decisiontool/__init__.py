"""decisiontool: weighted multi-criteria analysis of options against MINUSMA's lessons.

Nothing heavy is imported here: the CLI's start-up time depends on it.
"""

__version__ = "0.1.0"

__all__ = ["__version__"]
