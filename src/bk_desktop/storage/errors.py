"""The vault's known failures, each with its own Indonesian message.

They are sorted here so that the window and the command line can tell a person exactly what
happened and what to do, and so that none of them is ever mistaken for a bug.
"""

from __future__ import annotations

from bk_desktop.domain.errors import KnownError


class VaultError(KnownError):
    """Base of every failure of the vault a user can act on."""


class WrongPassword(VaultError):
    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "Kata sandi salah. Periksa tombol Caps Lock dan tata letak papan ketik, lalu "
            "coba lagi. Bila lupa, pakai kunci pemulihan."
        )


class WrongRecoveryKey(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "Kunci pemulihan tidak cocok dengan brankas ini. Periksa lagi setiap huruf dan "
            "angka pada Kartu Pemulihan."
        )


class NoVault(VaultError):
    def __init__(self, folder: str) -> None:
        super().__init__(
            f"Belum ada brankas data di folder {folder}. Jalankan program untuk menyiapkannya."
        )


class VaultExists(VaultError):
    def __init__(self, folder: str) -> None:
        super().__init__(
            f"Sudah ada brankas data di folder {folder}. Brankas yang ada tidak akan ditimpa."
        )


class NotAVault(VaultError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"Berkas {name} bukan brankas bk-desktop. Pastikan folder data yang dipilih benar."
        )


class VaultDamaged(VaultError):
    def __init__(self, name: str, detail: str = "") -> None:
        extra = f" ({detail})" if detail else ""
        super().__init__(
            f"Berkas brankas {name} rusak atau terpotong{extra}. Berkas tidak diubah. "
            "Pulihkan dari cadangan terakhir (Pengaturan → Pulihkan, atau perintah "
            "'bk-desktop restore')."
        )


class KeysOfAnotherVault(VaultDamaged):
    """The key file opened, but its master key belongs to another vault's database."""

    def __init__(self, name: str) -> None:
        VaultError.__init__(
            self,
            f"Berkas kunci bk-desktop.keys milik brankas lain: kata sandinya cocok, tetapi "
            f"tidak membuka {name}. Berkas tidak diubah. Kembalikan berkas kunci yang benar "
            "ke folder data, atau pulihkan dari cadangan terakhir.",
        )


class WalDamaged(VaultDamaged):
    """The write-ahead log is damaged so that opening would silently drop committed work."""

    def __init__(self, name: str) -> None:
        VaultError.__init__(
            self,
            f"Jurnal brankas {name} rusak: bila dibuka, sebagian perubahan yang sudah tersimpan "
            "akan hilang tanpa tanda. Berkas tidak diubah. Salin seluruh folder data ke tempat "
            "aman, lalu pulihkan dari cadangan terakhir (Pengaturan → Pulihkan, atau perintah "
            "'bk-desktop restore').",
        )


class KeySlotsMissing(VaultError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"Berkas kunci {name} tidak ditemukan di samping brankas, sehingga brankas tidak "
            "dapat dibuka. Salin kembali berkas itu dari cadangan, atau pulihkan seluruh "
            "brankas dari cadangan."
        )


class KeySlotsDamaged(VaultError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"Berkas kunci {name} rusak, sehingga brankas tidak dapat dibuka. Brankas tidak "
            "diubah. Pulihkan dari cadangan terakhir."
        )


class KeySlotDamaged(KeySlotsDamaged):
    """One slot of the key file failed its checksum: damage, not a wrong password."""

    def __init__(self, whose: str) -> None:
        VaultError.__init__(
            self,
            f"Kunci untuk {whose} di berkas bk-desktop.keys rusak (bukan kata sandi yang "
            "salah), sehingga tidak dapat dipakai membuka brankas. Brankas tidak diubah. Masuk "
            "dengan akun lain atau kunci pemulihan lalu buat kata sandi baru, atau pulihkan "
            "dari cadangan terakhir.",
        )


class KeySlotsNewer(VaultError):
    def __init__(self, name: str) -> None:
        super().__init__(
            f"Berkas kunci {name} dibuat oleh versi bk-desktop yang lebih baru. Brankas tidak "
            "diubah. Pasang versi terbaru bk-desktop untuk membukanya."
        )


class NewerVersion(VaultError):
    def __init__(self, found: int, supported: int) -> None:
        super().__init__(
            f"Brankas ini dibuat oleh versi bk-desktop yang lebih baru (skema {found}, program "
            f"ini mengenal sampai {supported}). Pasang versi terbaru bk-desktop untuk membukanya."
        )


class MigrationFailed(VaultError):
    """A schema update was rolled back; the vault still holds the old version, unchanged."""

    def __init__(self, found: int, target: int, detail: str) -> None:
        super().__init__(
            f"Brankas tidak dapat diperbarui dari skema {found} ke skema {target}: {detail}. "
            "Brankas tidak diubah. Pakai dulu versi bk-desktop sebelumnya, lalu laporkan "
            "masalah ini kepada pengembang bk-desktop."
        )


class BackupBeforeUpdateFailed(VaultError):
    """The backup that must precede a schema update could not be made, so no update ran."""

    def __init__(self, folder: str, reason: str) -> None:
        super().__init__(
            f"Sebelum memperbarui brankas ke versi baru, program membuat cadangan di folder "
            f"{folder}, tetapi cadangan itu gagal dibuat. {reason} Brankas tidak diubah. "
            "Atasi masalah itu, lalu buka brankas lagi."
        )


def megabytes(size: int) -> str:
    """A size as people read it on a USB stick: whole megabytes, rounded up, at least 1."""
    return f"{max(1, -(-size // 1_000_000)):,} MB".replace(",", ".")


class DiskFull(VaultError):
    """The disk (or the user's quota on it) is full; ``where`` names a folder outside the vault.

    ``needed`` is the free space the failed work would have used, when it is known.
    """

    def __init__(self, where: str = "", needed: int = 0) -> None:
        space = f" Dibutuhkan sekitar {megabytes(needed)} ruang kosong." if needed else ""
        if where:
            message = (
                f"Disk tempat folder {where} penuh, sehingga berkas tidak dapat ditulis.{space} "
                "Kosongkan sebagian ruang disk atau pilih tempat lain, lalu coba lagi."
            )
        else:
            message = (
                "Disk penuh, sehingga data tidak dapat disimpan. Perubahan terakhir dibatalkan."
                f"{space} Kosongkan sebagian ruang disk, lalu coba lagi."
            )
        super().__init__(message)
        self.needed = needed


class ReadOnlyLocation(VaultError):
    def __init__(self, where: str) -> None:
        super().__init__(
            f"Folder {where} hanya-baca, sehingga data tidak dapat disimpan. Pilih folder lain "
            "atau minta bantuan petugas TI untuk memberi izin menulis."
        )


class NoPermission(VaultError):
    """The system refuses access (EACCES/EPERM): rights or a file in use, not a read-only disk."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"Program tidak diberi izin membaca atau menulis di folder {where}, atau berkasnya "
            "sedang dikunci program lain. Tutup program lain yang memakai berkas itu, pilih "
            "folder lain, atau minta petugas TI memberi izin menulis."
        )


class StorageUnavailable(VaultError):
    """The disk answered with an input/output error or the file could not be opened at all."""

    def __init__(self, where: str) -> None:
        super().__init__(
            f"Berkas di folder {where} tidak dapat dibuka, dibaca, atau ditulis: disknya "
            "mungkin dicabut atau bermasalah, atau folder itu tidak boleh ditulisi. Perubahan "
            "yang belum tersimpan dibatalkan. Periksa disk dan foldernya, lalu coba lagi."
        )


class VaultInUse(VaultError):
    def __init__(self) -> None:
        super().__init__(
            "Brankas ini sedang dibuka oleh program bk-desktop lain di komputer ini (mungkin "
            "jendelanya terkunci atau tersembunyi di bilah tugas). Tutup program yang lain itu "
            "dulu lewat menu atau tombol tutup jendelanya, lalu coba lagi. Jangan menghapus "
            "berkas bk-desktop.lock."
        )


class LockLost(VaultError):
    """The lock file we hold was deleted or replaced while the vault was open."""

    def __init__(self, folder: str) -> None:
        super().__init__(
            f"Berkas bk-desktop.lock di folder {folder} dihapus atau diganti saat brankas "
            "sedang dipakai, sehingga program lain mungkin membuka brankas yang sama. Brankas "
            "tidak diganti. Tutup semua jendela bk-desktop, lalu buka lagi."
        )


class LockFileInvalid(VaultError):
    """The lock file's name is taken by a link or something that is not a plain file."""

    def __init__(self, name: str, folder: str) -> None:
        super().__init__(
            f"{name} di folder {folder} bukan berkas biasa (misalnya pintasan ke berkas lain), "
            "sehingga brankas tidak dibuka. Hapus pintasan itu, lalu coba lagi."
        )


class ReadOnlyVault(VaultError):
    """A file of the vault is marked read-only, so nothing could be saved."""

    def __init__(self, name: str) -> None:
        super().__init__(
            f"Berkas brankas {name} hanya-baca, sehingga tidak ada yang dapat disimpan. Berkas "
            "tidak diubah. Hapus tanda 'Read-only' pada berkas itu (klik kanan → Properties), "
            "atau minta petugas TI memberi izin menulis, lalu coba lagi."
        )


class BackupInvalid(VaultError):
    def __init__(self, name: str, detail: str = "") -> None:
        extra = f": {detail}" if detail else ""
        super().__init__(
            f"Berkas cadangan {name} tidak dapat dipakai{extra}. Brankas yang sekarang tidak "
            "diubah."
        )


class AccountNotFound(VaultError):
    def __init__(self, name: str) -> None:
        super().__init__(f"Akun '{name}' tidak ada di brankas ini.")
