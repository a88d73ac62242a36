"""Provides the manifest: what an assessment folder must hold, so that loss is noticed.

``manifest.json`` lists every data file of the assessment (relative to its folder) with the
number of records each of its tables held at the last save, and the number of lines the audit
log held. It is a *lower bound*, written after the data it describes:

* every save writes its data file (atomically, fsynced) first and the manifest (atomically,
  fsynced) afterwards, so a crash between the two leaves data *ahead* of the manifest, which
  `compare` accepts; the next save brings the manifest up to date;
* a file that is missing, or holds fewer records than the manifest says, was lost or cut short
  after it was saved: `assessor check` reports it, and `report` and `export` refuse to run
  (``--allow-damaged`` runs them with a warning on the first page);
* the manifest is only ever changed entry by entry for the file just written, so a file that
  could not be read when the assessment was opened keeps its expectation until someone accepts
  the loss (`assessor check ID --accept-loss`).

Assessments written before the manifest existed have none; it is built the first time such an
assessment is opened for writing, from what is on disk then (and the app says so once).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from assistant.core.errors import AssessorError
from assistant.safeio import UnsafeFileError, read_regular
from assistant.store.convert import FORMAT, parse_format
from assistant.store.errors import DamagedFileError
from assistant.store.files import Layout
from assistant.store.journal import JOURNAL_SUFFIX
from assistant.store.storage import atomic_write_bytes

MANIFEST_FILE: Final = "manifest.json"
_WORDS: Final = "manifest"


@dataclass
class Manifest:
    """Per data file, the records each table held at the last save; the audit log's lines."""

    files: dict[str, dict[str, int]] = field(default_factory=dict)
    audit_lines: int = 0

    def note(self, name: str, counts: dict[str, int]) -> None:
        """Record what a file holds now that it was written."""
        self.files[name] = dict(counts)

    def to_json(self, assessment_id: str) -> bytes:
        doc = {
            "format": FORMAT,
            "kind": "manifest",
            "assessment_id": assessment_id,
            "files": {k: self.files[k] for k in sorted(self.files)},
            "audit_lines": self.audit_lines,
        }
        return (json.dumps(doc, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def manifest_path(layout: Layout) -> Path:
    """Return where an assessment's manifest lives."""
    return layout.folder / MANIFEST_FILE


def relative_name(layout: Layout, path: Path) -> str:
    """Return a data file's name as the manifest keys it (``interviews/iv-1.json``)."""
    return path.relative_to(layout.folder).as_posix()


def counts_of(document: object) -> dict[str, int]:
    """Return the number of records per table of a stored document (the marker left out)."""
    if not isinstance(document, dict):
        return {}
    return {
        str(name): len(docs)
        for name, docs in document.items()
        if name != "meta" and isinstance(docs, dict)
    }


def read_manifest(layout: Layout, assessment_id: str) -> Manifest | None:
    """Return the manifest, None when there is none; DamagedFileError when it is not usable."""
    path = manifest_path(layout)
    where = layout.shown(path)
    try:
        raw = read_regular(path, where)
    except FileNotFoundError:
        return None
    except UnsafeFileError as exc:
        raise DamagedFileError(where, _WORDS, exc.reason) from None
    except OSError as exc:
        raise DamagedFileError(where, _WORDS, f"cannot read: {exc.strerror or exc}") from None
    try:
        doc = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        raise DamagedFileError(where, _WORDS, "not JSON") from None
    return parse_manifest(doc, where, assessment_id)


def parse_manifest(doc: Any, where: str, assessment_id: str) -> Manifest:
    """Validate a parsed manifest; DamagedFileError names the first field that is wrong."""

    def bad(reason: str) -> DamagedFileError:
        return DamagedFileError(where, _WORDS, reason)

    if not isinstance(doc, dict):
        raise bad("not a JSON object")
    if parse_format(doc.get("format")) is None or doc.get("kind") != "manifest":
        raise bad("format: no assessor manifest marker")
    if doc.get("assessment_id") != assessment_id:
        raise bad(f"assessment_id: belongs to {str(doc.get('assessment_id'))[:80]!r}")
    files = doc.get("files")
    if not isinstance(files, dict):
        raise bad("files: must be a mapping of file names to counts")
    out = Manifest()
    for name, counts in files.items():
        if not isinstance(name, str) or not _safe_name(name):
            raise bad(f"files: {str(name)[:80]!r} is not a file of this assessment")
        if not isinstance(counts, dict) or not all(
            isinstance(k, str) and _count(v) for k, v in counts.items()
        ):
            raise bad(f"files.{name}: must map table names to counts")
        out.files[name] = dict(counts)
    lines = doc.get("audit_lines")
    if not isinstance(lines, int) or not _count(lines):
        raise bad("audit_lines: must be a whole number, 0 or more")
    out.audit_lines = lines
    return out


def _count(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 10**12


def _safe_name(name: str) -> bool:
    parts = name.split("/")
    return (
        0 < len(parts) <= 2
        and all(p and not p.startswith(".") and p != ".." for p in parts)
        and (len(parts) == 1 or parts[0] == "interviews")
        and (name.endswith(".json") or (len(parts) == 2 and name.endswith(JOURNAL_SUFFIX)))
    )


def write_manifest(
    layout: Layout, assessment_id: str, manifest: Manifest, *, fsync_folder: bool = True
) -> None:
    """Replace the manifest atomically (temp file, fsync, rename).

    Saves pass ``fsync_folder=False``: if a power cut loses the rename, the previous manifest
    comes back, which still holds (it is a lower bound); the data file's own folder fsync
    usually makes the rename durable anyway.
    """
    atomic_write_bytes(
        manifest_path(layout), manifest.to_json(assessment_id), fsync_folder=fsync_folder
    )


def compare(
    layout: Layout,
    manifest: Manifest,
    found: dict[str, dict[str, int]],
    audit_lines: int,
    audit_exists: bool,
) -> list[str]:
    """Return one line per file that is missing or holds fewer records than the manifest says.

    `found` holds, per readable data file, its records per table; a file that exists but could
    not be read is reported elsewhere (as damaged), so only files absent from disk are called
    missing here.
    """
    out: list[str] = []
    for name in sorted(manifest.files):
        expected = manifest.files[name]
        path = layout.folder / name
        shown = layout.shown(path)
        if name not in found:
            if not path.exists() and not path.is_symlink() and not _set_aside(path):
                what = _describe(expected)
                out.append(
                    f"{shown}: missing; the manifest expects it{' with ' + what if what else ''}"
                    " (deleted or moved outside the app?)"
                )
            continue
        for table, want in sorted(expected.items()):
            have = found[name].get(table, 0)
            if have < want:
                out.append(
                    f"{shown}: {table}: holds {have} record(s), the manifest expects at "
                    f"least {want} (the file was cut short or replaced by an older copy)"
                )
    audit = layout.shown(layout.audit)
    if manifest.audit_lines and not audit_exists:
        out.append(f"{audit}: missing; the manifest expects {manifest.audit_lines} audit line(s)")
    elif audit_lines < manifest.audit_lines:
        out.append(
            f"{audit}: holds {audit_lines} line(s), the manifest expects at least "
            f"{manifest.audit_lines} (the audit log was emptied or cut short)"
        )
    return out


def _set_aside(path: Path) -> bool:
    """Return whether a damaged `path` was renamed aside (`check` reports that already)."""
    if not path.parent.is_dir():
        return False
    return any(p.name.startswith(f"{path.name}.corrupt-") for p in path.parent.iterdir())


def _describe(counts: dict[str, int]) -> str:
    shown = [f"{n} {t}" for t, n in sorted(counts.items()) if n and t not in ("interview",)]
    return ", ".join(shown)


def rebuild(found: dict[str, dict[str, int]], audit_lines: int) -> Manifest:
    """Return a manifest describing what is on disk now (old folders; an accepted loss)."""
    return Manifest(files={k: dict(v) for k, v in found.items()}, audit_lines=audit_lines)


class ManifestError(AssessorError):
    """The manifest says data is missing; raised by callers that refuse damaged assessments."""
