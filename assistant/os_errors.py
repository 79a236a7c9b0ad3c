"""Operating-system failures (a full disk, a missing folder, no permission) in words a user can act on.

Python's own text ("[Errno 28] No space left on device") names neither the file nor the fix;
every place that writes what the user made (history, playbook uploads, knowledge edits, CLI
output files) phrases the failure through `os_problem` instead.
"""

from __future__ import annotations

import errno

DISK_FULL = frozenset({errno.ENOSPC, errno.EDQUOT})


def os_problem(error: OSError) -> str:
    """What went wrong and what to do, naming the file when the error carries one."""
    where = f" ({error.filename})" if error.filename else ""
    if error.errno in DISK_FULL:
        return f"the disk is full{where}: free some space and try again"
    if isinstance(error, PermissionError):
        return f"permission denied{where}: check the folder's permissions"
    if isinstance(error, FileNotFoundError):
        return f"no such file or folder{where}: check the path"
    if isinstance(error, IsADirectoryError):
        return f"{error.filename or 'the path'} is a folder, not a file"
    return f"{error.strerror or error}{where}"
