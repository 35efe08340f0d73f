"""Errors a person can cause, shown to them in their language.

    Exception
    └── UserError(key, **args)      rendered with i18n.t(lang, key, **args) by the one error handler
        └── NotAllowed              a right is missing (group admins only, admin commands)

`describe(exc)` is how any log line names an exception: its type and where, never its message.
"""

from __future__ import annotations

import traceback
from pathlib import Path
from typing import Any


class UserError(Exception):
    def __init__(self, key: str, /, **args: Any) -> None:
        super().__init__(key)
        self.key = key
        self.args_ = args


class NotAllowed(UserError):
    pass


# Packages whose frames name where an error happened in our own code.
_OURS = ("bot", "handlers", "storage")


def _frame_name(frame: traceback.FrameSummary) -> str:
    path = Path(frame.filename)
    parts = list(path.with_suffix("").parts)
    for i in range(len(parts) - 1, -1, -1):
        if parts[i] in _OURS:
            parts = parts[i:]
            break
        if parts[i] == "site-packages" or parts[i].startswith("python3"):  # a library, or the standard one
            parts = parts[i + 1 :]
            break
    else:
        parts = parts[-1:]
    return f"{'.'.join(parts)}:{frame.name}:{frame.lineno}"


def describe(exc: BaseException) -> str:
    """An exception for a log line: its type and where it was raised (module:function:line), never its message.

    A message can carry what a person typed or what a page said; the type and the place are enough to find
    the fault. When it was raised inside a library, the last frame of our own code is named too.
    """
    frames = traceback.extract_tb(exc.__traceback__)
    if not frames:
        return type(exc).__name__
    inner = frames[-1]
    text = f"{type(exc).__name__} at {_frame_name(inner)}"
    ours = [f for f in frames if any(f"/{pkg}/" in f.filename.replace("\\", "/") for pkg in _OURS)
            and "site-packages" not in f.filename]
    if ours and ours[-1] is not inner:
        text += f" (from {_frame_name(ours[-1])})"
    return text
