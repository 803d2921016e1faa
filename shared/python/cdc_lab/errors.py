"""Errors that end a lab program with a message and a hint instead of a traceback."""

from __future__ import annotations

from typing import NoReturn


class CdcLabError(Exception):
    """A failure the user can act on: the message says what happened, the hint what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class ConfigurationError(CdcLabError):
    """A setting, flag or environment variable the program cannot use."""


class NotImplementedYet(CdcLabError):
    """What a starter raises where the learner has work to do."""

    def __init__(self, step: str, docs: str) -> None:
        super().__init__(
            f"TODO: {step} is not implemented yet",
            hint=f"read {docs}, then write it in this function",
        )
        self.step = step
        self.docs = docs


def todo(step: str, docs: str) -> NoReturn:
    """Mark the place where a learner writes code.

    The program stops loudly, naming the step and the chapter section that teaches it, and the
    grader quotes both back (the same words as the TypeScript starter's todo()).
    """
    raise NotImplementedYet(step, docs)
