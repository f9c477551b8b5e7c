"""Pengaturan → Akun guru BK: who can open the vault, and one's own name, NIP, NUPTK and NIY
(the number a foundation gives its staff at a private school, where there is no NIP)."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QLineEdit,
    QWidget,
)

from bk_desktop.domain.accounts import Account, Role
from bk_desktop.domain.errors import KnownError, ValidationError
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.forms import FieldForm, action_button, button_row, group_layout, named
from bk_desktop.ui.kit.labels import note_label, set_status, status_label
from bk_desktop.ui.kit.records import RecordList, RecordsModel
from bk_desktop.ui.kit.runner import ModalRunner
from bk_desktop.ui.password_widgets import password_edit, show_passwords_toggle
from bk_desktop.ui.tabs.admin.admin_page import AdminPage

_ModelIndex = QModelIndex | QPersistentModelIndex


def role_text(role: Role) -> str:
    labels = {
        Role.GURU_BK: QCoreApplication.translate("AdminTab", "Guru BK"),
        Role.KOORDINATOR: QCoreApplication.translate("AdminTab", "Koordinator BK"),
        Role.KEPALA_SEKOLAH: QCoreApplication.translate("AdminTab", "Kepala sekolah"),
    }
    return labels[role]


class AccountsModel(RecordsModel[Account]):
    """The active accounts: name (marking the one signed in), role, NIP."""

    COLUMNS = ("name", "role", "nip")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._own_id = ""

    def headers(self) -> tuple[str, ...]:
        return (self.tr("Nama"), self.tr("Peran"), self.tr("NIP"))

    def set_accounts(self, accounts: list[Account], own_id: str) -> None:
        self._own_id = own_id
        self._reset(accounts)

    def row_of(self, account_id: str) -> int:
        return self.row_where(lambda a: a.id == account_id)

    def data(self, index: _ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        account = self.record_of(index)
        if account is None:
            return None
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == "name":
                if account.id == self._own_id:
                    return self.tr("{name} (Anda)").format(name=account.name)
                return account.name
            if column == "role":
                return role_text(account.role)
            if not account.nip and role == Qt.ItemDataRole.AccessibleTextRole:
                return self.tr("NIP tidak diisi")
            return account.nip or "—"
        if role == Qt.ItemDataRole.UserRole:
            return account.id
        return None


class AccountsPage(AdminPage):
    """The account table with add/remove for a koordinator, and one's own profile."""

    def __init__(
        self, context: UiContext, runner: ModalRunner, parent: QWidget | None = None
    ) -> None:
        super().__init__(
            self.tr("Akun guru BK"),
            self.tr(
                "Setiap guru BK masuk dengan akun dan kata sandinya sendiri, sehingga tidak ada "
                "yang perlu berbagi kata sandi. Koordinator BK mengatur akun-akun ini."
            ),
            parent,
        )
        self._context = context
        self._runner = runner

        # -- the list ------------------------------------------------------------------------
        self.model = AccountsModel(self)
        self.accounts_list = RecordList(
            self.model,
            ("accountsTable", self.tr("Daftar akun guru BK")),
            (
                "accountsEmpty",
                self.tr("Belum ada akun. Tambahkan akun guru BK dengan formulir di bawah."),
            ),
            rows=(3, 8),
            stretch=(0,),
        )
        self.table = self.accounts_list.table
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.remove_button = action_button(
            self.tr("Hapus akun terpilih…"), "accountRemoveButton", self.tr("Hapus akun terpilih")
        )
        self.remove_button.clicked.connect(self.remove_selected)
        self.list_status = status_label("accountsStatus")
        self.role_note = note_label("", "accountsRoleNote")
        list_group = QGroupBox(self.tr("Daftar akun"))
        list_layout = group_layout(list_group)
        list_layout.addWidget(self.accounts_list)
        list_layout.addLayout(button_row(self.remove_button, self.list_status))
        list_layout.addWidget(self.role_note)

        # -- adding --------------------------------------------------------------------------
        self.add_name = named(QLineEdit(), "accountName", self.tr("Nama akun baru"))
        self.add_name.setPlaceholderText(self.tr("nama lengkap dengan gelar"))
        self.add_role = named(QComboBox(), "accountRole", self.tr("Peran akun baru"))
        for role in (Role.GURU_BK, Role.KOORDINATOR, Role.KEPALA_SEKOLAH):
            self.add_role.addItem(role_text(role), role.value)
        self.add_nip = named(QLineEdit(), "accountNip", self.tr("NIP akun baru"))
        self.add_nip.setPlaceholderText(self.tr("18 digit, boleh dikosongkan"))
        self.add_nuptk = named(QLineEdit(), "accountNuptk", self.tr("NUPTK akun baru"))
        self.add_nuptk.setPlaceholderText(self.tr("16 digit, boleh dikosongkan"))
        self.add_niy = named(QLineEdit(), "accountNiy", self.tr("NIY akun baru"))
        self.add_niy.setPlaceholderText(self.tr("nomor induk yayasan, boleh dikosongkan"))
        self.add_password = password_edit("accountPassword", self.tr("Kata sandi akun baru"))
        self.add_repeat = password_edit(
            "accountPasswordRepeat", self.tr("Ulangi kata sandi akun baru")
        )
        self._add_form = FieldForm()
        self._add_form.add(self.tr("Nama"), self.add_name, keys=("name",))
        self._add_form.add(
            self.tr("Peran"),
            self.add_role,
            keys=("role",),
            hint=self.tr(
                "Koordinator BK dapat menambah dan menghapus akun serta membuat kunci "
                "pemulihan baru. Kepala sekolah melihat rekap dan beban kerja, tidak membuka "
                "berkas siswa atau catatan konseling."
            ),
        )
        self._add_form.add(self.tr("NIP"), self.add_nip, keys=("nip",))
        self._add_form.add(self.tr("NUPTK"), self.add_nuptk, keys=("nuptk",))
        self._add_form.add(self.tr("NIY"), self.add_niy, keys=("niy",))
        self._add_form.add(
            self.tr("Kata sandi awal"),
            self.add_password,
            keys=("password",),
            hint=self.tr(
                "Paling sedikit 10 karakter. Berikan secara langsung, lalu minta pemilik akun "
                "menggantinya di Pengaturan → Keamanan."
            ),
        )
        self._add_form.add(self.tr("Ulangi kata sandi"), self.add_repeat, keys=("repeat",))
        self._add_form.link("password", "repeat")
        self._add_form.addRow(
            "", show_passwords_toggle((self.add_password, self.add_repeat), "accountPasswordShow")
        )
        self.add_button = action_button(
            self.tr("Tambah akun"), "accountAddButton", self.tr("Tambah akun guru BK")
        )
        self.add_button.clicked.connect(self.add_account)
        self.add_status = status_label("accountAddStatus")
        self.add_group = QGroupBox(self.tr("Tambah akun guru BK"))
        add_layout = group_layout(self.add_group)
        add_layout.addLayout(self._add_form)
        add_layout.addLayout(button_row(self.add_button, self.add_status))

        # -- own profile ---------------------------------------------------------------------
        self.profile_name = named(QLineEdit(), "profileName", self.tr("Nama saya"))
        self.profile_nip = named(QLineEdit(), "profileNip", self.tr("NIP saya"))
        self.profile_nuptk = named(QLineEdit(), "profileNuptk", self.tr("NUPTK saya"))
        self.profile_niy = named(QLineEdit(), "profileNiy", self.tr("NIY saya"))
        self.profile_niy.setPlaceholderText(self.tr("nomor induk yayasan, bila ada"))
        self._profile_form = FieldForm()
        self._profile_form.add(
            self.tr("Nama"),
            self.profile_name,
            keys=("name",),
            hint=self.tr("Dicetak pada surat dan laporan yang Anda buat."),
        )
        self._profile_form.add(self.tr("NIP"), self.profile_nip, keys=("nip",))
        self._profile_form.add(self.tr("NUPTK"), self.profile_nuptk, keys=("nuptk",))
        self._profile_form.add(
            self.tr("NIY"),
            self.profile_niy,
            keys=("niy",),
            hint=self.tr("Untuk guru sekolah swasta yang tidak memiliki NIP."),
        )
        self.profile_button = action_button(
            self.tr("Simpan profil"), "profileSaveButton", self.tr("Simpan profil saya")
        )
        self.profile_button.clicked.connect(self.save_profile)
        self.profile_status = status_label("profileStatus")
        profile_group = QGroupBox(self.tr("Profil saya"))
        profile_layout = group_layout(profile_group)
        profile_layout.addLayout(self._profile_form)
        profile_layout.addLayout(button_row(self.profile_button, self.profile_status))

        for group in (list_group, self.add_group, profile_group):
            self.body.addWidget(group)
        self.finish()

    # -- loading -----------------------------------------------------------------------------

    @property
    def _is_koordinator(self) -> bool:
        return self._context.workspace.account.role is Role.KOORDINATOR

    def refresh(self) -> None:
        for form in (self._add_form, self._profile_form):
            form.clear_errors()
        for label in (self.list_status, self.add_status, self.profile_status):
            label.clear()
        self._load_accounts()
        me = self._context.workspace.account
        self.profile_name.setText(me.name)
        self.profile_nip.setText(me.nip)
        self.profile_nuptk.setText(me.nuptk)
        self.profile_niy.setText(me.niy)
        self.add_password.clear()
        self.add_repeat.clear()
        koordinator = self._is_koordinator
        self.add_group.setEnabled(koordinator)
        if koordinator:
            self.role_note.setText(
                self.tr("Akun yang sedang Anda pakai tidak dapat dihapus dari sini.")
            )
        else:
            self.role_note.setText(
                self.tr(
                    "Anda masuk sebagai {role}. Hanya Koordinator BK yang dapat menambah atau "
                    "menghapus akun; Anda tetap dapat mengubah profil sendiri di bawah."
                ).format(role=role_text(self._context.workspace.account.role))
            )
        self._update_buttons()

    def _load_accounts(self, select_id: str = "") -> None:
        self.model.set_accounts(self._context.accounts.list(), self._context.workspace.account.id)
        if select_id:
            self.accounts_list.select(self.model.row_of(select_id))
        self._update_buttons()

    def _update_buttons(self) -> None:
        selected = self.accounts_list.selected()
        self.remove_button.setEnabled(
            self._is_koordinator
            and selected is not None
            and selected.id != self._context.workspace.account.id
        )

    # -- actions -----------------------------------------------------------------------------

    def remove_selected(self) -> None:
        account = self.accounts_list.selected()
        if account is None or not self._is_koordinator:
            return
        self.list_status.clear()
        if not self._context.prompter.confirm(
            self,
            self.tr("Hapus akun"),
            self.tr(
                "Akun {name} akan dihapus dan tidak dapat membuka brankas lagi. Catatan yang "
                "pernah dibuatnya tetap tersimpan. Hapus akun ini?"
            ).format(name=account.name),
        ):
            return
        try:
            self._context.accounts.remove(account.id)
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Hapus akun"), error.message)
            return
        self._load_accounts()
        set_status(self.list_status, self.tr("Akun {name} dihapus.").format(name=account.name))

    def add_account(self) -> None:
        if not self._is_koordinator:
            return
        self._add_form.clear_errors()
        self.add_status.clear()
        service = self._context.accounts
        name = self.add_name.text()
        role = Role(str(self.add_role.currentData()))
        nip, nuptk, niy = self.add_nip.text(), self.add_nuptk.text(), self.add_niy.text()
        password, repeat = self.add_password.text(), self.add_repeat.text()
        self._runner.run(
            self.tr("Menambah akun…"),
            lambda: service.add(
                name=name,
                role=role,
                password=password,
                password_repeat=repeat,
                nip=nip,
                nuptk=nuptk,
                niy=niy,
            ),
            self._account_added,
            self._add_failed,
        )

    def _account_added(self, account: Account) -> None:
        for edit in (
            self.add_name,
            self.add_nip,
            self.add_nuptk,
            self.add_niy,
            self.add_password,
            self.add_repeat,
        ):
            edit.clear()
        self.add_role.setCurrentIndex(0)
        self._load_accounts(select_id=account.id)
        set_status(
            self.add_status,
            self.tr("Akun {name} ditambahkan. Minta pemiliknya mengganti kata sandi.").format(
                name=account.name
            ),
        )

    def _add_failed(self, error: KnownError) -> None:
        if isinstance(error, ValidationError) and self._add_form.place(error):
            set_status(self.add_status, self.tr("Akun belum ditambahkan."), ok=False)
            return
        prompter = self._context.prompter
        self._runner.later(lambda: prompter.error(self, self.tr("Tambah akun"), error.message))

    def save_profile(self) -> None:
        self._profile_form.clear_errors()
        self.profile_status.clear()
        service = self._context.accounts
        try:
            me = service.update_profile(
                self._context.workspace.account,
                name=self.profile_name.text(),
                nip=self.profile_nip.text(),
                nuptk=self.profile_nuptk.text(),
                niy=self.profile_niy.text(),
            )
        except ValidationError as error:
            if not self._profile_form.place(error):
                self._context.prompter.error(self, self.tr("Profil saya"), error.message)
            return
        except KnownError as error:
            self._context.prompter.error(self, self.tr("Profil saya"), error.message)
            return
        self.profile_name.setText(me.name)
        self.profile_nip.setText(me.nip)
        self.profile_nuptk.setText(me.nuptk)
        self.profile_niy.setText(me.niy)
        self._load_accounts()
        set_status(self.profile_status, self.tr("Profil tersimpan."))
