"""The data folders, read without trusting them: no link is followed, only regular files are
opened, nothing can make a build wait, and everything that is not read says so.

Editors' pull requests can add any kind of entry to a data folder: a symbolic link to a file
elsewhere on the build machine (whose content would then be quoted in an error message), a link
loop, a FIFO that blocks a reader forever. Every folder is opened one component at a time with
O_NOFOLLOW relative to its parent's descriptor, so a link anywhere on the way is refused, and
every file with O_NOFOLLOW and O_NONBLOCK, then checked with fstat to be a regular file.
"""

from __future__ import annotations

import errno
import os
import stat
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Literal

from okide.problems import Problem

MAX_FILE_BYTES = 64 * 1024
_NOFOLLOW = os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
_FOLDER_FLAGS = os.O_RDONLY | os.O_DIRECTORY | _NOFOLLOW
_FILE_FLAGS = os.O_RDONLY | _NOFOLLOW
_IGNORED_NAMES = {"README.md"}
ENTRY_SUFFIXES = (".yml", ".yaml")

Kind = Literal["file", "folder", "link", "other"]


def is_ignored(name: str) -> bool:
    """Names the format sets aside for editors' own notes, drafts and templates."""
    return name.startswith(("_", ".")) or name in _IGNORED_NAMES


def _problem(relative: str, message: str, hint: str) -> Problem:
    return Problem(relative, 1, 1, "", message, hint)


def link_problem(relative: str) -> Problem:
    return _problem(
        relative,
        "en symbolisk länk läses inte",
        "lägg in själva filen eller mappen här i stället för en länk till den",
    )


def special_problem(relative: str) -> Problem:
    return _problem(
        relative,
        "filen är ingen vanlig fil (utan en FIFO, en socket eller en enhetsfil) och läses inte",
        "en datafil ska vara en vanlig textfil",
    )


def not_a_folder_problem(relative: str) -> Problem:
    return _problem(
        relative,
        "ska vara en mapp med datafiler men är en fil",
        f"ta bort filen {relative} och lägg datafilerna i en mapp med det namnet",
    )


def os_problem(relative: str, error: OSError, what: str = "filen") -> Problem:
    """A file or folder that could not be opened, in Swedish, never as a traceback."""
    code = error.errno
    if code == errno.ELOOP:
        return link_problem(relative)
    if code == errno.ENOTDIR:
        return not_a_folder_problem(relative)
    if code == errno.ENOENT:
        why, hint = f"{what} finns inte längre", f"{what} togs bort under läsningen; kör igen"
    elif code in (errno.EACCES, errno.EPERM):
        why, hint = f"behörighet saknas för att läsa {what}", f"ändra rättigheterna för {what}"
    else:
        code_name = errno.errorcode.get(code or 0, "okänt fel")
        why, hint = f"{what} kan inte läsas ({code_name})", f"kontrollera {what}"
    return _problem(relative, why, hint)


@dataclass(frozen=True)
class Folder:
    """An open data folder: its descriptor, and its path from the data root for messages."""

    fd: int
    relative: str

    def child(self, name: str) -> str:
        return f"{self.relative}/{name}" if self.relative else name


@dataclass(frozen=True)
class Item:
    """One name in a folder and what it is, seen without following a link."""

    name: str
    relative: str
    kind: Kind


def _kind(entry: os.DirEntry[str]) -> Kind:
    if entry.is_symlink():
        return "link"
    if entry.is_dir(follow_symlinks=False):
        return "folder"
    return "file" if entry.is_file(follow_symlinks=False) else "other"


def _kind_of_mode(mode: int) -> Kind:
    if stat.S_ISLNK(mode):
        return "link"
    if stat.S_ISDIR(mode):
        return "folder"
    return "file" if stat.S_ISREG(mode) else "other"


class DataTree:
    """The folders under the data root, each opened once, never through a link; closed with
    the ExitStack the tree was made with."""

    def __init__(self, root_fd: int, stack: ExitStack) -> None:
        self._stack = stack
        self._opened: dict[str, Folder | Problem | None] = {"": Folder(root_fd, "")}

    @classmethod
    def open(cls, root: str | os.PathLike[str], stack: ExitStack) -> DataTree | Problem:
        """The root itself is the maintainer's configuration, not an editor's: it may be a link."""
        try:
            fd = os.open(root, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        except OSError as error:
            return _problem(
                ".",
                f"datamappen {os.fspath(root)} kan inte öppnas ({os.strerror(error.errno or 0)})",
                "kontrollera extra.okide.data_dir i mkdocs.yml eller mappen du angav",
            )
        stack.callback(os.close, fd)
        return cls(fd, stack)

    def folder(self, relative: str) -> Folder | Problem | None:
        """The folder at relative (`agreement/values`), a problem with it or with a folder on
        the way, or None when it does not exist."""
        if relative not in self._opened:
            parent_path, _, name = relative.rpartition("/")
            parent = self.folder(parent_path)
            if isinstance(parent, Folder):
                self._opened[relative] = self._open_child(parent, name)
            else:
                self._opened[relative] = parent
        return self._opened[relative]

    def _open_child(self, parent: Folder, name: str) -> Folder | Problem | None:
        relative = parent.child(name)
        try:
            kind = _kind_of_mode(os.lstat(name, dir_fd=parent.fd).st_mode)
            if kind == "link":
                return link_problem(relative)
            if kind != "folder":
                return not_a_folder_problem(relative)
            fd = os.open(name, _FOLDER_FLAGS, dir_fd=parent.fd)
        except FileNotFoundError:
            return None
        except OSError as error:
            return os_problem(relative, error, "mappen")
        self._stack.callback(os.close, fd)
        return Folder(fd, relative)


def _is_utf8(name: str) -> bool:
    """Python gives a name that is not UTF-8 with lone surrogates for its bad bytes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _shown(name: str) -> str:
    """A name as it can be printed: bytes that are not UTF-8 as `\\xff`."""
    if _is_utf8(name):
        return name
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def list_folder(folder: Folder) -> list[Item] | Problem:
    """Every name in folder that the format does not ignore, sorted, with what it is."""
    try:
        with os.scandir(folder.fd) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
            return [
                Item(entry.name, folder.child(_shown(entry.name)), _kind(entry))
                for entry in entries
                if not is_ignored(entry.name)
            ]
    except OSError as error:
        return os_problem(folder.relative, error, "mappen")


def read_bytes(folder: Folder, name: str) -> bytes | Problem:
    """A regular file's bytes, at most MAX_FILE_BYTES of them; never through a link, and a
    FIFO, a socket or a device is refused without waiting for it."""
    relative = folder.child(name)
    try:
        fd = os.open(name, _FILE_FLAGS, dir_fd=folder.fd)
    except OSError as error:
        return os_problem(relative, error)
    try:
        status = os.fstat(fd)
        if not stat.S_ISREG(status.st_mode):
            return special_problem(relative)
        if status.st_size > MAX_FILE_BYTES:
            return size_problem(relative, status.st_size)
        # Plain os.read until the end (a read may return less than asked): a third of the time
        # of a buffered file object's read(n), which is most of the cost of opening a file here.
        chunks, size = [], 0
        while size <= MAX_FILE_BYTES and (chunk := os.read(fd, MAX_FILE_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
    finally:
        os.close(fd)
    raw = chunks[0] if len(chunks) == 1 else b"".join(chunks)
    if len(raw) > MAX_FILE_BYTES:  # it grew since fstat
        return size_problem(relative, len(raw))
    return raw


def size_problem(relative: str, size: int) -> Problem:
    return _problem(
        relative,
        f"filen är {size} byte; högst {MAX_FILE_BYTES} byte (64 KiB) är tillåtet",
        "korta texterna; en post ska inte behöva mer",
    )


def item_problem(item: Item, folder: str) -> Problem | None:
    """What is wrong with a name in the data folder `folder` that is not a regular file: a
    subfolder is never read, so it is reported rather than skipped in silence."""
    if not _is_utf8(item.name):
        return _problem(
            item.relative,
            "namnet är inte giltig UTF-8 och läses inte",
            "byt namn; använd a–z, 0–9 och bindestreck",
        )
    if item.kind == "link":
        return link_problem(item.relative)
    if item.kind == "other":
        return special_problem(item.relative)
    if item.kind == "file":
        return None
    if item.name.endswith(ENTRY_SUFFIXES):
        return _problem(
            item.relative,
            f"'{item.name}' är en mapp, inte en datafil",
            "en post ska vara en vanlig fil; ta bort mappen eller flytta ut filen ur den",
        )
    return _problem(
        item.relative,
        "en mapp inuti en datamapp läses inte",
        f"lägg datafilerna direkt i {folder}/, eller låt mappens namn börja med _"
        " om den inte innehåller data",
    )


def read_file(root: str | os.PathLike[str], relative: str) -> bytes | Problem:
    """One data file's bytes by its path under root (`signatories/x.yml`), with every folder on
    the way and the file itself opened as the loader opens them: never through a link."""
    folder_path, _, name = relative.rpartition("/")
    with ExitStack() as stack:
        tree = DataTree.open(root, stack)
        folder = tree.folder(folder_path) if isinstance(tree, DataTree) else tree
        if folder is None:
            return os_problem(relative, FileNotFoundError(errno.ENOENT, relative))
        if isinstance(folder, Problem):
            return folder
        return read_bytes(folder, name)
