"""Options and output helpers shared by several commands.

Outputs are staged: a temporary file beside the real target is created
before any work starts (so a missing or unwritable folder is reported at
once, not after an hour of building), filled, and renamed over the target
only when everything the command writes is complete.
"""
from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

import click

from ..errors import HsgraphError, UsageProblem

RDF_FORMATS = {
    "turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt",
    "jsonld": "json-ld", "json-ld": "json-ld", "trig": "trig", "nq": "nquads",
    "nquads": "nquads", "rdfxml": "xml", "xml": "xml",
}

STDOUT_NAMES = {"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"}


def min_confidence_option(f):
    """--min-confidence: the same trade of recall for precision in build, export and viz."""
    return click.option("--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="P",
                        help="Keep only relations with evidence of at least this confidence "
                             "(background facts stay).")(f)


def output_option(help_text="Write to FILE instead of standard output."):
    return click.option("-o", "--output", "output", type=click.Path(dir_okay=False, path_type=Path),
                        default=None, help=help_text)


def is_stdout(path) -> bool:
    return path is None or str(path) in STDOUT_NAMES


def pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def temp_prefix(name: str) -> str:
    """Temporaries carry the writer's process id so a later run can tell a dead writer's leftovers."""
    return f".{name}.{os.getpid()}."


def remove_stale(directory: Path, name: str) -> None:
    """Delete temporaries for ``name`` left in ``directory`` by writers that no longer run (a SIGKILL)."""
    import shutil
    pattern = re.compile(rf"\.{re.escape(name)}\.(\d+)\.[^/]*\.(?:tmp|old)")
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        m = pattern.fullmatch(entry.name)
        if not m or pid_alive(int(m.group(1))):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                os.unlink(entry.path)
        except OSError:
            pass


def real_target(path: Path) -> Path:
    """The file a write to ``path`` lands in: symlinks followed, so the link itself stays a link."""
    return Path(os.path.realpath(path))


class StagedFile:
    """One output file, written to a temporary beside its target and renamed over it on commit.

    Standard output (``-``, ``/dev/stdout`` or no file) and existing targets
    that are not regular files (a terminal, a pipe) are written directly on
    commit, since they cannot be renamed over.
    """

    def __init__(self, path, mkdir: bool = False):
        self.path = None if is_stdout(path) else Path(path)
        self.tmp: Path | None = None
        self.direct = self.path is None
        self.data: list[bytes] = []
        if self.path is not None:
            self._prepare(mkdir)

    def _prepare(self, mkdir: bool) -> None:
        where = str(self.path)
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            st = None
        except OSError as exc:
            raise HsgraphError(f"cannot use as output: {exc.strerror}", where=where) from None
        if st is not None and stat.S_ISDIR(st.st_mode):
            raise UsageProblem("is a folder; give a file name", where=where)
        if st is not None and not stat.S_ISREG(st.st_mode):
            self.direct = True  # a device or pipe: write straight into it
            return
        target = real_target(self.path)
        folder = target.parent
        if not folder.is_dir():
            if not mkdir:
                raise UsageProblem(f"folder {folder} does not exist (create it, or add --mkdir)", where=where)
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise HsgraphError(f"cannot create folder {folder}: {exc.strerror}", where=where) from None
        self.target = target
        self.mode = stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask()
        remove_stale(folder, target.name)
        try:
            fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=folder)
        except OSError as exc:
            raise HsgraphError(f"cannot write in folder {folder}: {exc.strerror}", where=where) from None
        os.close(fd)
        self.tmp = Path(tmp)

    def write(self, data: bytes) -> None:
        self.data.append(data)

    def fill(self) -> None:
        """Write the data to the temporary, so that commit is only a rename."""
        if self.tmp is None:
            return
        try:
            with open(self.tmp, "wb") as fh:
                for chunk in self.data:
                    fh.write(chunk)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(self.tmp, self.mode)
        except OSError as exc:
            raise HsgraphError(f"cannot write: {exc.strerror or exc}", where=str(self.path)) from None

    def commit(self) -> None:
        if self.direct:
            try:
                self._write_direct()
            except BrokenPipeError:
                raise
            except OSError as exc:
                raise HsgraphError(f"cannot write: {exc.strerror or exc}",
                                   where=str(self.path or "<stdout>")) from None
            return
        os.replace(self.tmp, self.target)
        self.tmp = None

    def _write_direct(self) -> None:
        if self.path is None:
            stream = sys.stdout.buffer
            for chunk in self.data:
                stream.write(chunk)
            stream.flush()
            return
        with open(self.path, "wb") as fh:
            for chunk in self.data:
                fh.write(chunk)

    def discard(self) -> None:
        if self.tmp is not None:
            try:
                os.unlink(self.tmp)
            except FileNotFoundError:
                pass
            self.tmp = None


@contextmanager
def atomic_output(path: Path | None, mode: str = "wb", mkdir: bool = False):
    """Yield a file-like object to write; on success its content replaces ``path`` in one rename.

    A failure part-way leaves whatever was at ``path`` untouched, so a user
    never finds a half-written graph or page.  An existing file keeps its
    permission bits; a symlink is written through.
    """
    import io
    staged = StagedFile(path, mkdir=mkdir)
    buffer = io.BytesIO()
    stream = buffer if "b" in mode else io.TextIOWrapper(buffer, encoding="utf-8", newline="")
    try:
        yield stream
        stream.flush()
        staged.write(buffer.getvalue())
        staged.fill()
        staged.commit()
    finally:
        staged.discard()


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def inside(path: Path, folder: Path) -> bool:
    """True if ``path`` is ``folder`` or lies somewhere below it (both already resolved)."""
    return path == folder or folder in path.parents


def same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def refuse_inputs_as_outputs(inputs: list[str], files: list[Path | str], outputs: dict[str, Path],
                             folders: dict[str, Path] | None = None) -> None:
    """Refuse (exit 2) an output that is, or resolves to, an input or lies inside an input folder.

    ``inputs`` are the arguments as given, ``files`` the article files they
    expand to; ``outputs`` are files to be replaced and ``folders`` folders to
    be replaced whole (a store), which must not hold an input either.
    """
    folders = folders or {}
    in_dirs = [real_target(Path(i)) for i in inputs if i != "-" and Path(i).is_dir()]
    in_files = [Path(f) for f in files if f != "-"]
    real_files = [real_target(f) for f in in_files]
    for label, out in {**outputs, **folders}.items():
        if is_stdout(out):
            continue
        target = real_target(Path(out))
        for original, real in zip(in_files, real_files):
            if target == real or same_file(target, original):
                raise UsageProblem(f"{label} is the input {original}; refusing to overwrite it", where=str(out))
        for folder in in_dirs:
            if inside(target, folder):
                raise UsageProblem(f"{label} lies inside the input folder {folder}; "
                                   "write it somewhere else", where=str(out))
    for label, out in folders.items():
        target = real_target(Path(out))
        for original, real in zip(in_files, real_files):
            if inside(real, target):
                raise UsageProblem(f"{label} would replace the folder holding the input {original}",
                                   where=str(out))
        for folder in in_dirs:
            if inside(folder, target):
                raise UsageProblem(f"{label} would replace the input folder {folder}", where=str(out))
        for olabel, other in outputs.items():
            if not is_stdout(other) and inside(real_target(Path(other)), target):
                raise UsageProblem(f"{olabel} lies inside {label} folder", where=str(other))
