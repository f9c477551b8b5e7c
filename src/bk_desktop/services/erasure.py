"""Anonymising and erasing students, and keeping erasures erased across restores (issue 18).

Public API:

- ``ErasureService(workspace)`` (the koordinator BK only; ``RuleViolation`` otherwise):
  ``preview(ids)`` counts what would go, by kind; ``anonymise(ids, typed)`` and
  ``erase(ids, typed)`` do it after the confirmation word was typed (``RuleViolation`` when it
  was not), refuse a disk without room for the vacuum with ``DiskFull`` before changing
  anything, and return an ``ErasureResult``.
- ``reapply_after_restore(workspace, found)``: called by ``services.backup`` right after a
  restore, before the vault is used; applies every ledger entry of this vault the restored
  backup does not hold yet and returns how many students that was.
- ``restore_note(workspace)``: the sentence the window and the command line show after a
  restore that applied erasures again, or None.
- ``collect_ledgers(...)``: the ledger entries known outside the restored vault.
- ``reapply_known(workspace, known)``: at every unlock (``services.access``), the entries of
  the ledger file and the backups the vault's table lacks (a restore that failed half-way, a
  file copied back by hand) are applied; returns the sentence to show, or None.
- ``compact_if_pending(workspace)``: the compaction an erasure could not finish, retried at
  the next unlock and close.

One erasure is one transaction (rows, ledger entry, audit retargeting, audit event, and a
"compaction pending" mark): a failure leaves the vault as it was. Only after the commit is
the file made clean: ``secure_delete`` zeroes what was deleted, ``VACUUM`` rebuilds the file
without free pages and the WAL is checkpointed and truncated, so no page of the vault or its
journal still holds the student; then the mark goes. When that clean-up fails (the disk
filled meanwhile) the erasure stands — ``ErasureResult.compacted`` is False and the page says
so — and the mark makes the next unlock or close try again.
"""

from __future__ import annotations

import contextlib
import logging
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.audit import AuditKind
from bk_desktop.domain.errors import KnownError, RuleViolation
from bk_desktop.domain.retention import (
    ErasureMode,
    RecordCount,
    audit_target,
    backups_age_out,
)
from bk_desktop.services.workspace import Workspace
from bk_desktop.storage import audit_repo, erasure_repo
from bk_desktop.storage.backup_archive import read_ledger_member
from bk_desktop.storage.database import Database
from bk_desktop.storage.disk_space import require_free
from bk_desktop.storage.erasure_repo import Collected, LedgerEntry
from bk_desktop.storage.errors import VaultError
from bk_desktop.storage.timefmt import to_text

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ErasureResult:
    mode: ErasureMode
    students: int
    counts: list[RecordCount]
    audit_rows: int
    done_on: date
    backups_until: date
    """The last day an automatic backup from before the erasure may still hold the data."""
    ledger_file_written: bool
    compacted: bool = True
    """False when the data is erased but the file not yet rebuilt (retried later)."""


def _sum_counts(collected: Iterable[Collected]) -> list[RecordCount]:
    totals: dict[str, int] = {}
    for found in collected:
        for count in found.counts():
            totals[count.kind] = totals.get(count.kind, 0) + count.count
    return [RecordCount(kind, n) for kind, n in totals.items()]


def _detail(counts: Sequence[RecordCount]) -> str:
    """The audit detail: kinds and numbers, never anything a record says."""
    return ";".join(f"{c.kind}={c.count}" for c in counts)


def _room_for_vacuum(db: Database) -> None:
    """``VACUUM`` builds a whole temporary copy of the database and then writes it back
    through the WAL, so about twice the vault of free space is asked first; a full disk is
    refused before anything changes."""
    size = 0
    for path in (db.path, db.path.with_name(db.path.name + "-wal")):
        with contextlib.suppress(OSError):
            size += path.stat().st_size
    require_free({db.path.parent: 2 * size})


def scrub(db: Database) -> None:
    """Make deleted content gone from the file: zero it, rebuild the file, empty the WAL;
    then the "compaction pending" mark goes."""
    db.execute("PRAGMA secure_delete = ON")
    db.execute("VACUUM")
    erasure_repo.clear_compaction_pending(db)
    db.checkpoint()


def _compact(db: Database) -> bool:
    """``scrub``, or False when the disk refuses (the mark stays for a later try)."""
    try:
        _room_for_vacuum(db)
        scrub(db)
    except VaultError as error:
        # The rows are gone and secure_delete zeroed them; only the rebuild waits for room.
        log.warning("vacuum after an erasure not done: %s", type(error).__name__)
        with contextlib.suppress(VaultError):
            db.checkpoint()
        return False
    return True


def compact_if_pending(workspace: Workspace) -> bool | None:
    """Retry the compaction an erasure could not finish; None when none was pending, else
    whether it is done now. Never raises for a full disk: the next try comes later."""
    db = workspace.db
    if not erasure_repo.compaction_pending(db):
        return None
    return _compact(db)


class ErasureService:
    def __init__(self, workspace: Workspace) -> None:
        if workspace.account.role is not Role.KOORDINATOR:
            raise RuleViolation(
                "Hanya koordinator BK yang dapat menganonimkan atau menghapus data siswa. "
                "Minta koordinator BK sekolah Anda bila masa simpan data sudah lewat."
            )
        self.workspace = workspace

    def _collect(self, student_ids: Sequence[int]) -> list[Collected]:
        found = []
        for student_id in dict.fromkeys(student_ids):
            collected = erasure_repo.collect(self.workspace.db, student_id)
            if collected is None:
                raise KnownError(
                    "Siswa yang dipilih sudah tidak ada di brankas (mungkin baru saja dihapus). "
                    "Muat ulang daftar Retensi lalu pilih lagi."
                )
            found.append(collected)
        return found

    def preview(self, student_ids: Sequence[int]) -> list[RecordCount]:
        """How many records of each kind the chosen students have (both ways count the same
        records: anonymising empties them, erasing removes them)."""
        return _sum_counts(self._collect(student_ids))

    def anonymise(self, student_ids: Sequence[int], typed: str) -> ErasureResult:
        return self._apply(ErasureMode.ANONYMISE, student_ids, typed)

    def erase(self, student_ids: Sequence[int], typed: str) -> ErasureResult:
        return self._apply(ErasureMode.ERASE, student_ids, typed)

    def _apply(self, mode: ErasureMode, student_ids: Sequence[int], typed: str) -> ErasureResult:
        if typed.strip() != mode.confirmation_word:
            raise RuleViolation(
                f"Ketik {mode.confirmation_word} (huruf besar) untuk memastikan; "
                "tidak ada yang diubah."
            )
        if not student_ids:
            raise KnownError("Pilih dulu siswa yang datanya akan diproses.")
        workspace = self.workspace
        db = workspace.db
        _room_for_vacuum(db)
        done_at = workspace.now()
        with db.transaction():
            collected = self._collect(student_ids)
            audit_rows = sum(
                _apply_one(workspace, mode, found, to_text(done_at)) for found in collected
            )
            erasure_repo.mark_compaction_pending(db)
        counts = _sum_counts(collected)
        written = _write_ledger_file(workspace)
        compacted = _compact(db)
        done_on = done_at.astimezone(workspace.settings().zone).date()
        return ErasureResult(
            mode=mode,
            students=len(collected),
            counts=counts,
            audit_rows=audit_rows,
            done_on=done_on,
            backups_until=backups_age_out(done_on),
            ledger_file_written=written,
            compacted=compacted,
        )


def _apply_one(workspace: Workspace, mode: ErasureMode, found: Collected, done_at: str) -> int:
    """One student, inside the caller's transaction; returns the audit rows retargeted."""
    db = workspace.db
    token = secrets.token_hex(8)
    counts = found.counts()
    if mode is ErasureMode.ERASE:
        erasure_repo.erase(db, found)
    else:
        erasure_repo.anonymise(db, found, token)
    erasure_repo.record_entry(
        db,
        LedgerEntry(
            token=token,
            mode=mode,
            done_at=done_at,
            student_id=found.student_id,
            student_created_at=found.student_created_at,
            rows={t: ids for t, ids in found.rows.items() if t != "student_class"},
        ),
    )
    retargeted = erasure_repo.retarget_audit(db, found, token)
    workspace.audit(
        AuditKind.STUDENT_ERASED if mode is ErasureMode.ERASE else AuditKind.STUDENT_ANONYMISED,
        target_kind="erasure",
        target_id=audit_target(token),
        detail=_detail([*counts, RecordCount("audit_event", retargeted)]),
    )
    return retargeted


def _write_ledger_file(workspace: Workspace) -> bool:
    """Write the file beside the vault: the table's entries together with those the file
    already holds, so it never holds fewer than before (an entry the table lacks — a restore
    that failed half-way — is applied at the next unlock, not dropped). A disk that refuses
    now leaves the table and every later backup to carry it; the next erasure, unlock or
    restore writes the file again."""
    vault = workspace.vault
    try:
        merged = {e.token: e for e in erasure_repo.entries(workspace.db)}
        for entry in erasure_repo.read_ledger_file(vault.paths, vault.vault_id, vault.master_key):
            merged.setdefault(entry.token, entry)
        erasure_repo.write_ledger_file(
            vault.paths,
            vault.vault_id,
            sorted(merged.values(), key=lambda e: (e.done_at, e.token)),
            vault.master_key,
        )
    except (OSError, VaultError) as error:
        log.warning("erasure ledger file not written: %s", type(error).__name__)
        return False
    return True


# -- after a restore -------------------------------------------------------------------------


def collect_ledgers(
    vault_id: str, master_key: bytes, files: Sequence[bytes], backup_folders: Sequence[Path]
) -> list[LedgerEntry]:
    """Every ledger entry of this vault found in ``files`` (ledger texts: the file beside the
    vault, the replaced vault's own table) and in the backups in ``backup_folders``. Entries of
    another vault, or files that fail their MAC, are ignored."""
    found: dict[str, LedgerEntry] = {}
    for data in files:
        for entry in erasure_repo.parse_ledger(data, vault_id, master_key):
            found.setdefault(entry.token, entry)
    for folder in backup_folders:
        try:
            candidates = sorted(folder.glob("*.bkbak"))
        except OSError:
            continue
        for path in candidates:
            member = read_ledger_member(path)
            if member is None:
                continue
            for entry in erasure_repo.parse_ledger(member, vault_id, master_key):
                found.setdefault(entry.token, entry)
    return sorted(found.values(), key=lambda e: (e.done_at, e.token))


def reapply_known(workspace: Workspace, known: Sequence[LedgerEntry]) -> str | None:
    """At an unlock: apply the entries of ``known`` (the ledger file, the backups) the vault's
    table lacks, and return the sentence the window shows once; None when there were none.
    The file is written again from table and file together either way."""
    present = {e.token for e in erasure_repo.entries(workspace.db)}
    if all(e.token in present for e in known):
        return None
    count = reapply_after_restore(workspace, known)
    return (
        f"{count} penghapusan/anonimisasi data siswa yang tercatat di luar brankas (berkas "
        "catatan penghapusan atau cadangan) belum berlaku di brankas ini; penghapusan itu "
        "sudah diterapkan lagi sebelum brankas dipakai."
    )


def reapply_after_restore(workspace: Workspace, known: Sequence[LedgerEntry]) -> int:
    """Apply again every erasure the restored vault does not know yet; returns how many.

    An entry is applied when its student row is there with the same creation instant (a row
    id alone may have been given to another student later); the rows it lists are found again
    by walking from that student, in the restored vault. An entry whose student is not in the
    backup at all is only recorded, so later backups carry it on. Everything, with the
    ``erasure.reapplied`` audit event, is one transaction; the file is scrubbed afterwards.
    """
    db = workspace.db
    present = {e.token for e in erasure_repo.entries(db)}
    missing = [e for e in known if e.token not in present]
    if not missing:
        _write_ledger_file(workspace)
        return 0
    applied = 0
    with db.transaction():
        for entry in missing:
            created = erasure_repo.student_created_at(db, entry.student_id)
            found = (
                erasure_repo.collect(db, entry.student_id)
                if created == entry.student_created_at
                else None
            )
            if found is not None:
                if entry.mode is ErasureMode.ERASE:
                    erasure_repo.erase(db, found)
                else:
                    erasure_repo.anonymise(db, found, entry.token)
                applied += 1
            erasure_repo.record_entry(db, entry)
            if found is not None:
                erasure_repo.retarget_audit(db, found, entry.token)
        workspace.audit(
            AuditKind.ERASURE_REAPPLIED,
            target_kind="vault",
            detail=f"entries={len(missing)};applied={applied}",
        )
        erasure_repo.mark_compaction_pending(db)
    _write_ledger_file(workspace)
    _compact(db)
    return len(missing)


def restore_note(workspace: Workspace) -> str | None:
    """What to tell after a restore: how many erasures were applied again, if any."""
    restored = audit_repo.latest(workspace.db, AuditKind.RESTORE)
    event = audit_repo.latest(workspace.db, AuditKind.ERASURE_REAPPLIED)
    if event is None or (restored is not None and event.id < restored.id):
        return None
    count = 0
    for part in event.detail.split(";"):
        key, _, value = part.partition("=")
        if key == "entries" and value.isdigit():
            count = int(value)
    if not count:
        return None
    return (
        f"Cadangan ini dibuat sebelum {count} penghapusan/anonimisasi data siswa; "
        "penghapusan itu sudah diterapkan lagi sebelum brankas dipakai."
    )
