"""User-facing errors: one line saying what went wrong, where, and what to do."""


class ReaderError(Exception):
    """An error the CLI prints as a single line (no traceback) before exiting non-zero."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code
