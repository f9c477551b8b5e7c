"""The kop surat's logos (table ``letterhead_logo``): one PNG per slot, left and right."""

from __future__ import annotations

from datetime import datetime

from bk_desktop.domain.settings import LogoSlot, StoredLogo
from bk_desktop.storage.database import Database
from bk_desktop.storage.timefmt import from_text, to_text


def save_logo(
    db: Database,
    slot: LogoSlot,
    image: bytes,
    *,
    width: int,
    height: int,
    now: datetime,
    account_id: str | None,
) -> None:
    """Store ``image`` in ``slot``, replacing the logo that was there."""
    db.execute(
        "INSERT INTO letterhead_logo (slot, image, byte_size, width, height, changed_at, "
        "changed_by) VALUES (:slot, :image, :size, :width, :height, :now, :account) "
        "ON CONFLICT (slot) DO UPDATE SET image = excluded.image, "
        "byte_size = excluded.byte_size, width = excluded.width, height = excluded.height, "
        "changed_at = excluded.changed_at, changed_by = excluded.changed_by",
        {
            "slot": slot.value,
            "image": image,
            "size": len(image),
            "width": width,
            "height": height,
            "now": to_text(now),
            "account": account_id,
        },
    )


def remove_logo(db: Database, slot: LogoSlot) -> bool:
    """Take the logo out of ``slot``; False when there was none."""
    cursor = db.execute("DELETE FROM letterhead_logo WHERE slot = :slot", {"slot": slot.value})
    return bool(cursor.rowcount)


def logo_image(db: Database, slot: LogoSlot) -> bytes | None:
    """Only the picture of ``slot`` (what printing needs), or None."""
    found = db.scalar("SELECT image FROM letterhead_logo WHERE slot = :slot", {"slot": slot.value})
    return None if found is None else bytes(found)


def stored_logos(db: Database) -> dict[LogoSlot, StoredLogo]:
    """Every stored logo with who changed it when, by slot."""
    logos: dict[LogoSlot, StoredLogo] = {}
    for row in db.all("SELECT * FROM letterhead_logo"):
        try:
            slot = LogoSlot(row["slot"])
        except ValueError:
            continue  # the CHECK keeps other slots out; a hand-edited vault may not
        logos[slot] = StoredLogo(
            slot=slot,
            image=bytes(row["image"]),
            width=int(row["width"]),
            height=int(row["height"]),
            changed_at=from_text(row["changed_at"]),
            changed_by=row["changed_by"],
        )
    return logos
