"""Asesmen awal (Prosedur 2): understanding the problem and deciding the service, with a reason.

The form follows the counsellor's own paperwork: the areas the problem touches (bidang), the
problem split into gejala / sebab / akar masalah, the risk, and the decision. Choosing the
risk *darurat* shows the school's emergency protocol at once, above everything else one might
still be typing, because at that moment acting matters more than recording. A referral (alih
tangan kasus) shares a child's data outside the school, so its fields — to whom, why, what is
shared and on which consent — appear and are required only for that decision.

A parent's or guardian's consent is the student's consent register (``ConsentService``), the
one record: with a consent in force the form says which ("Pakai persetujuan yang tercatat")
and the referral cites it; with nothing recorded the typed fields go into the register when
the asesmen is saved (or "Register persetujuan…" opens the register itself); a withdrawal in
force says so, and saving is refused with the register's message.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QComboBox,
    QDateEdit,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from bk_desktop.domain.consents import ConsentAct, ConsentRecord
from bk_desktop.domain.dates import format_date, format_instant
from bk_desktop.domain.errors import KnownError, RuleViolation, ValidationError
from bk_desktop.domain.requests import RequestStatus
from bk_desktop.domain.screening import (
    AT_SCREENING,
    CONSENT_CHANNELS,
    CONSENT_GIVEN,
    DEFAULT_REFERRAL_TARGET,
    NEW_REFERRAL_STATUS,
    OTHER_SERVICES,
    ConsentBasis,
    Referral,
    ReferralStatus,
    ReferralTarget,
    RiskLevel,
    ScreeningDraft,
    ServiceKind,
    cited_line,
    request_status_after,
    validate_choices,
)
from bk_desktop.services.consents import ConsentService
from bk_desktop.services.requests import RequestItem
from bk_desktop.services.screening import (
    ReferralConsentRefused,
    ScreeningInvalid,
    ScreeningService,
)
from bk_desktop.ui.bidang_choice import bidang_row
from bk_desktop.ui.context import UiContext
from bk_desktop.ui.kit.drafts import FormState
from bk_desktop.ui.kit.forms import FieldForm, chosen, named, text_box
from bk_desktop.ui.kit.labels import wrapping_label
from bk_desktop.ui.kit.palette import DARURAT_BACKGROUND, ERROR_TEXT
from bk_desktop.ui.school_time import py_date, qdate
from bk_desktop.ui.style import icon, set_role, start_weeks_on_monday

_PROTOCOL_STYLE = (
    f"QFrame#emergencyProtocolFrame {{ background: {DARURAT_BACKGROUND}; "
    f"border: 2px solid {ERROR_TEXT}; border-radius: 6px; }}"
    " QFrame#emergencyProtocolFrame QLabel { background: transparent; border: none; }"
)


class _ProblemParts(QWidget):
    """Gejala, sebab and akar masalah side by side, or one under the other when narrow
    (a small screen or 150 % scaling), so none of the three boxes becomes a slit."""

    SIDE_BY_SIDE_MIN = 560

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._row = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._row.setContentsMargins(0, 0, 0, 0)
        self._row.setSpacing(12)

    def add(self, caption: str, box: QPlainTextEdit) -> None:
        column = QVBoxLayout()
        column.setSpacing(4)
        label = QLabel(caption, self)
        label.setBuddy(box)
        column.addWidget(label)
        column.addWidget(box)
        self._row.addLayout(column, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        wanted = (
            QBoxLayout.Direction.LeftToRight
            if event.size().width() >= self.SIDE_BY_SIDE_MIN
            else QBoxLayout.Direction.TopToBottom
        )
        if self._row.direction() != wanted:
            self._row.setDirection(wanted)


class ScreeningForm(QWidget):
    """The asesmen awal of one request; ``saved`` carries the request's ``RequestItem`` and the
    ``ScreeningOutcome`` (by then the queue may have moved the form on to another request)."""

    saved = Signal(object, object)

    def __init__(self, context: UiContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = FormState.of(self)
        """Unsaved input as a draft (``kit/drafts.py``); clean whenever a request is shown."""
        self.context = context
        self.item: RequestItem | None = None
        self.setObjectName("screeningForm")

        # -- the request it is about -----------------------------------------------------
        self.summary = QFrame(self)
        self.summary.setObjectName("screeningRequestCard")
        set_role(self.summary, "card")
        self.summary_title = QLabel(self.summary)
        self.summary_title.setObjectName("screeningRequestTitle")
        set_role(self.summary_title, "heading")
        self.summary_meta = wrapping_label(self.summary)
        self.summary_meta.setObjectName("screeningRequestMeta")
        set_role(self.summary_meta, "muted")
        self.summary_reason = wrapping_label(self.summary)
        self.summary_reason.setObjectName("screeningRequestReason")
        self.summary_reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        summary_layout = QVBoxLayout(self.summary)
        summary_layout.setContentsMargins(14, 10, 14, 10)
        summary_layout.setSpacing(4)
        summary_layout.addWidget(self.summary_title)
        summary_layout.addWidget(self.summary_meta)
        summary_layout.addWidget(self.summary_reason)

        problem = self._problem_group()
        decision = self._decision_group()

        # -- saving ----------------------------------------------------------------------
        self.save_button = named(
            QPushButton(self.tr("Simpan asesmen")),
            "screeningSaveButton",
            self.tr("Simpan asesmen awal"),
        )
        set_role(self.save_button, "primary")
        self.save_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.save_message = wrapping_label(None)
        self.save_message.setObjectName("screeningSaveMessage")
        set_role(self.save_message, "error")
        self.save_message.hide()
        # "Simpan asesmen" stays in view however long the form grows (the referral section
        # pushed it below the fold): the tab puts ``action_row`` under its scroll area.
        self.action_row = QWidget(self)
        self.action_row.setObjectName("screeningActions")
        save_row = QHBoxLayout(self.action_row)
        save_row.setContentsMargins(0, 0, 0, 0)
        save_row.setSpacing(12)
        save_row.addWidget(self.save_message, 1)
        save_row.addStretch(0)
        save_row.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignTop)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        layout.addWidget(self.summary)
        layout.addWidget(problem)
        layout.addWidget(decision)
        layout.addStretch(1)

        width = max(self.problem_form.align_captions(), self.decision_form.align_captions())
        self.problem_form.align_captions(width)
        self.decision_form.align_captions(width)
        self.clear()

    def _problem_group(self) -> QGroupBox:
        """Bidang, then gejala / sebab / akar masalah side by side, as on a counselling plan."""
        group = QGroupBox(self.tr("Masalah"), self)
        group.setObjectName("screeningProblemGroup")
        bidang_box, self.bidang = bidang_row(group, "screening")

        parts = _ProblemParts(group)
        parts.setObjectName("screeningProblemParts")
        self.symptoms = text_box(parts, "screeningSymptoms", self.tr("Gejala"), 3)
        self.symptoms.setPlaceholderText(
            self.tr("Yang terlihat atau dikeluhkan, mis. sering terlambat, menarik diri.")
        )
        self.causes = text_box(parts, "screeningCauses", self.tr("Sebab"), 3)
        self.causes.setPlaceholderText(self.tr("Dugaan penyebab yang sudah diketahui."))
        self.root_cause = text_box(parts, "screeningRootCause", self.tr("Akar masalah"), 3)
        self.root_cause.setPlaceholderText(self.tr("Boleh dikosongkan bila belum jelas."))
        for caption, part in (
            (self.tr("Gejala (wajib)"), self.symptoms),
            (self.tr("Sebab"), self.causes),
            (self.tr("Akar masalah"), self.root_cause),
        ):
            parts.add(caption, part)

        self.problem_form = FieldForm()
        self.problem_form.add(self.tr("Bidang"), bidang_box, keys=("bidang",), parent=group)
        self.problem_form.add(
            self.tr("Uraian masalah"),
            parts,
            keys=("symptoms", "causes", "root_cause"),
            parent=group,
        )
        group.setLayout(self.problem_form)
        return group

    def _decision_group(self) -> QGroupBox:
        group = QGroupBox(self.tr("Keputusan"), self)
        group.setObjectName("screeningDecisionGroup")
        self.risk = named(QComboBox(group), "screeningRisk", self.tr("Tingkat risiko"))
        self.risk.addItem(self.tr("— pilih tingkat risiko —"), None)
        for risk in RiskLevel:
            self.risk.addItem(risk.label, risk)
        self.risk.currentIndexChanged.connect(self._on_risk)

        self.protocol_frame = QFrame(group)
        self.protocol_frame.setObjectName("emergencyProtocolFrame")
        self.protocol_frame.setStyleSheet(_PROTOCOL_STYLE)
        protocol_icon = QLabel(self.protocol_frame)
        protocol_icon.setPixmap(icon("error").pixmap(24, 24))
        protocol_icon.setFixedSize(24, 24)
        protocol_title = wrapping_label(
            self.protocol_frame,
            self.tr("Risiko darurat: jalankan protokol darurat sekolah sekarang"),
        )
        protocol_title.setObjectName("emergencyProtocolTitle")
        font = protocol_title.font()
        font.setBold(True)
        protocol_title.setFont(font)
        protocol_title.setStyleSheet(f"color: {ERROR_TEXT};")
        self.protocol = named(
            wrapping_label(self.protocol_frame), "emergencyProtocol", self.tr("Protokol darurat")
        )
        self.protocol.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        title_row = QHBoxLayout()
        title_row.setSpacing(8)
        title_row.addWidget(protocol_icon, 0, Qt.AlignmentFlag.AlignVCenter)
        title_row.addWidget(protocol_title, 1)
        protocol_layout = QVBoxLayout(self.protocol_frame)
        protocol_layout.setContentsMargins(12, 10, 12, 10)
        protocol_layout.setSpacing(6)
        protocol_layout.addLayout(title_row)
        protocol_layout.addWidget(self.protocol)

        self.decision = named(QComboBox(group), "screeningDecision", self.tr("Keputusan layanan"))
        self.decision.addItem(self.tr("— pilih keputusan —"), None)
        self.decision.addItem(
            ServiceKind.KONSELING_INDIVIDUAL.label, ServiceKind.KONSELING_INDIVIDUAL
        )
        self.decision.insertSeparator(self.decision.count())
        for kind in ServiceKind:
            if kind in OTHER_SERVICES:
                self.decision.addItem(kind.label, kind)
        self.decision.insertSeparator(self.decision.count())
        for kind in (ServiceKind.ALIH_TANGAN_KASUS, ServiceKind.TIDAK_PERLU_TINDAK_LANJUT):
            self.decision.addItem(kind.label, kind)
        self.decision.setMaxVisibleItems(self.decision.count())
        self.decision.currentIndexChanged.connect(self._on_decision)
        self.decision_hint = wrapping_label(group)
        self.decision_hint.setObjectName("screeningDecisionHint")
        set_role(self.decision_hint, "muted")
        decision_box = QWidget(group)
        decision_layout = QVBoxLayout(decision_box)
        decision_layout.setContentsMargins(0, 0, 0, 0)
        decision_layout.setSpacing(4)
        decision_layout.addWidget(self.decision)
        decision_layout.addWidget(self.decision_hint)

        self.reason = text_box(group, "screeningReason", self.tr("Alasan keputusan"), 3)
        self.reason.setPlaceholderText(
            self.tr(
                "Mengapa layanan ini yang dipilih; kelak dibaca lagi oleh siswa, orang tua, "
                "atau kepala sekolah."
            )
        )

        form = FieldForm()
        self.decision_form = form
        form.add(self.tr("Tingkat risiko"), self.risk, keys=("risk",), parent=group)
        form.addRow(self.protocol_frame)
        form.add(
            self.tr("Keputusan"),
            decision_box,
            keys=("decision",),
            parent=group,
            name="screeningDecision",
        )
        self._referral_rows(group, form)
        form.add(self.tr("Alasan keputusan"), self.reason, keys=("reason",), parent=group)
        group.setLayout(form)
        return group

    def _referral_rows(self, group: QWidget, form: FieldForm) -> None:
        """The alih tangan kasus fields, as rows of the decision form shown for that decision."""
        self.referral_heading = QLabel(self.tr("Alih tangan kasus (rujukan)"), group)
        self.referral_heading.setObjectName("screeningReferral")
        font = self.referral_heading.font()
        font.setBold(True)
        self.referral_heading.setFont(font)
        self.referral_target = named(QComboBox(group), "referralTarget", self.tr("Tujuan rujukan"))
        for target in ReferralTarget:
            self.referral_target.addItem(target.label, target)
        self.referral_target.currentIndexChanged.connect(self._on_referral_target)
        self.referral_target_name = named(
            QLineEdit(group), "referralTargetName", self.tr("Nama tujuan rujukan")
        )
        self.referral_reason = text_box(group, "referralReason", self.tr("Alasan rujukan"), 2)
        self.referral_shared = text_box(
            group, "referralShared", self.tr("Informasi yang dibagikan"), 2
        )
        self.referral_shared.setPlaceholderText(
            self.tr("Hanya yang perlu, mis. ringkasan gejala dan hasil asesmen awal.")
        )
        self.referral_consent = named(
            QComboBox(group), "referralConsent", self.tr("Dasar persetujuan")
        )
        self.referral_consent.addItem(self.tr("— pilih dasar persetujuan —"), None)
        for basis in ConsentBasis:
            self.referral_consent.addItem(basis.label, basis)
        self.referral_consent.currentIndexChanged.connect(self._on_referral_consent)
        self.consent_register: ConsentRecord | None = None
        """The entry of the student's register in force today (given or withdrawn), or None."""
        self.consent_dialog: QWidget | None = None
        self.register_box = QWidget(group)
        self.register_box.setObjectName("referralConsentRegisterBox")
        self.register_line = named(
            wrapping_label(self.register_box),
            "referralConsentRegister",
            self.tr("Persetujuan di register"),
        )
        self.register_button = named(
            QPushButton(self.tr("Register persetujuan…"), self.register_box),
            "referralConsentRegisterButton",
            self.tr("Buka register persetujuan orang tua/wali siswa ini"),
        )
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(self.open_consent_register)
        register_row = QHBoxLayout(self.register_box)
        register_row.setContentsMargins(0, 0, 0, 0)
        register_row.addWidget(self.register_line, 1)
        register_row.addWidget(self.register_button, 0, Qt.AlignmentFlag.AlignTop)
        self.consent_by = named(
            QLineEdit(group), "referralConsentBy", self.tr("Nama yang memberi persetujuan")
        )
        self.consent_relation = named(
            QLineEdit(group), "referralConsentRelation", self.tr("Hubungan dengan siswa")
        )
        self.consent_relation.setPlaceholderText(self.tr("ibu, ayah, wali, atau siswa sendiri"))
        self.consent_date = named(
            QDateEdit(group), "referralConsentDate", self.tr("Tanggal persetujuan")
        )
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDisplayFormat("dd-MM-yyyy")
        start_weeks_on_monday(self.consent_date)
        self.consent_channel = named(
            QComboBox(group), "referralConsentChannel", self.tr("Cara persetujuan diberikan")
        )
        self.consent_channel.addItem(self.tr("— pilih cara —"), None)
        for channel, label in zip(
            CONSENT_CHANNELS,
            (
                self.tr("Tertulis (formulir ditandatangani; simpan di map siswa)"),
                self.tr("Lisan di ruang BK"),
                self.tr("Telepon atau pesan"),
            ),
            strict=True,
        ):
            self.consent_channel.addItem(label, channel)
        self.referral_status = named(QComboBox(group), "referralStatus", self.tr("Status rujukan"))
        # A screening starts a referral; its later steps are recorded in "Rujukan…".
        for status in ReferralStatus:
            if status in AT_SCREENING:
                self.referral_status.addItem(status.label, status)

        form.addRow(self.referral_heading)
        form.add(
            self.tr("Tujuan rujukan"),
            self.referral_target,
            keys=("referral", "referral.target"),
            parent=group,
        )
        form.add(
            self.tr("Nama tujuan"),
            self.referral_target_name,
            keys=("referral.target_name",),
            parent=group,
        )
        form.add(
            self.tr("Alasan rujukan"),
            self.referral_reason,
            keys=("referral.reason",),
            parent=group,
        )
        form.add(
            self.tr("Informasi dibagikan"),
            self.referral_shared,
            keys=("referral.shared_information",),
            parent=group,
        )
        form.add(
            self.tr("Dasar persetujuan"),
            self.referral_consent,
            keys=("referral.consent_basis",),
            hint=self.tr(
                "Data anak dibagikan ke luar sekolah hanya dengan persetujuan orang tua/wali "
                "(UU PDP), kecuali keadaan darurat demi keselamatan siswa."
            ),
            parent=group,
        )
        form.add(
            self.tr("Register"),
            self.register_box,
            keys=("referral.consent_id",),
            parent=group,
            name="referralConsentRegister",
        )
        form.add(
            self.tr("Yang menyetujui"),
            self.consent_by,
            keys=("referral.consent_by",),
            parent=group,
        )
        form.add(
            self.tr("Hubungan"),
            self.consent_relation,
            keys=("referral.consent_relation",),
            parent=group,
        )
        form.add(
            self.tr("Tanggal persetujuan"),
            self.consent_date,
            keys=("referral.consent_date",),
            parent=group,
        )
        form.add(
            self.tr("Cara"),
            self.consent_channel,
            keys=("referral.consent_channel",),
            parent=group,
        )
        form.add(
            self.tr("Status rujukan"),
            self.referral_status,
            keys=("referral.status",),
            parent=group,
        )
        self.referral_fields: tuple[QWidget, ...] = (
            self.referral_target,
            self.referral_target_name,
            self.referral_reason,
            self.referral_shared,
            self.referral_consent,
            self.referral_status,
        )
        self.consent_fields: tuple[QWidget, ...] = (
            self.consent_by,
            self.consent_relation,
            self.consent_date,
            self.consent_channel,
        )

    # -- which request -------------------------------------------------------------------------

    def set_request(self, item: RequestItem | None) -> None:
        """Show the form for ``item`` (empty), or nothing when None."""
        self.item = item
        self.consent_register = None
        self.clear()
        self.setEnabled(item is not None)
        self.action_row.setEnabled(item is not None)  # placed outside the form, under the scroll
        if item is None:
            self.summary_title.setText(self.tr("Belum ada permohonan dipilih"))
            self.summary_meta.setText(self.tr("Pilih permohonan di antrean sebelah kiri."))
            self.summary_reason.clear()
            return
        record = item.record
        zone = self.context.workspace.settings().zone
        self.summary_title.setText(
            self.tr("{name} ({rombel})").format(
                name=record.student_name, rombel=record.rombel or self.tr("tanpa kelas")
            )
        )
        referrer = (
            self.tr(", dirujuk oleh {name}").format(name=record.referrer_name)
            if record.referrer_name
            else ""
        )
        self.summary_meta.setText(
            self.tr(
                "Diterima {at} · sumber: {source}{referrer} · urgensi: {urgency} · "
                "kesediaan: {assent}"
            ).format(
                at=format_instant(record.received_at, zone),
                source=record.source.label.lower(),
                referrer=referrer,
                urgency=record.urgency.label.lower(),
                assent=record.assent.label.lower(),
            )
        )
        self.summary_reason.setText(self.tr("Alasan: {reason}").format(reason=record.reason))
        self.refresh_consent_register()

    def clear(self) -> None:
        for box in self.bidang.values():
            box.setChecked(False)
        for text in (
            self.symptoms,
            self.causes,
            self.root_cause,
            self.reason,
            self.referral_reason,
            self.referral_shared,
        ):
            text.clear()
        self.referral_target_name.clear()
        self.consent_by.clear()
        self.consent_relation.clear()
        workspace = self.context.workspace
        self.consent_date.setDate(
            qdate(workspace.now().astimezone(workspace.settings().zone).date())
        )
        for combo in (
            self.consent_channel,
            self.risk,
            self.decision,
            self.referral_target,
            self.referral_consent,
            self.referral_status,
        ):
            combo.setCurrentIndex(0)
        self._clear_errors()
        self._on_risk()
        self._on_decision()
        self._on_referral_target()
        self.state.mark_clean()

    def is_dirty(self) -> bool:
        """Whether anything was filled in that leaving the form would lose."""
        return self.state.is_dirty()

    # -- reacting --------------------------------------------------------------------------------

    @Slot()
    def _on_risk(self) -> None:
        darurat = chosen(self.risk, RiskLevel) is RiskLevel.DARURAT
        if darurat:
            self.protocol.setText(ScreeningService(self.context.workspace).emergency_protocol())
        self.decision_form.setRowVisible(self.protocol_frame, darurat)

    @Slot()
    def _on_decision(self) -> None:
        decision = chosen(self.decision, ServiceKind)
        referral = decision is ServiceKind.ALIH_TANGAN_KASUS
        self.decision_form.setRowVisible(self.referral_heading, referral)
        for field in self.referral_fields:
            self.decision_form.set_field_visible(field, referral)
        self._on_referral_consent()
        if decision is None:
            self.decision_hint.setText(
                self.tr("Keputusan menentukan ke mana permohonan ini berlanjut.")
            )
            return
        after = request_status_after(decision)
        if after is RequestStatus.MENUNGGU_JADWAL:
            text = self.tr(
                "Permohonan masuk antrean penjadwalan (menunggu jadwal); batas 1×24 jam tetap "
                "berjalan sampai jadwal disepakati."
            )
        elif after is RequestStatus.DIRUJUK:
            text = self.tr(
                "Permohonan dialihtangankan (alih tangan kasus). Lengkapi data rujukan di bawah."
            )
        elif after is RequestStatus.SELESAI:
            text = self.tr("Permohonan selesai: penyaringan ini sudah menjadi layanannya.")
        else:
            text = self.tr(
                "Permohonan dialihkan ke {service} dan keluar dari antrean konseling individual."
            ).format(service=decision.label.lower())
        self.decision_hint.setText(text)

    @Slot()
    def _on_referral_consent(self) -> None:
        """Who consented, as what, when and how: asked only for a basis that is a consent,
        and for a parent's consent only while the register holds none for the student."""
        referral = chosen(self.decision, ServiceKind) is ServiceKind.ALIH_TANGAN_KASUS
        basis = chosen(self.referral_consent, ConsentBasis)
        parental = referral and basis is ConsentBasis.PERSETUJUAN_ORANG_TUA
        typed = (
            referral
            and basis in CONSENT_GIVEN
            and not (parental and self.consent_register is not None)
        )
        self.decision_form.set_field_visible(self.register_box, parental)
        for field in self.consent_fields:
            self.decision_form.set_field_visible(field, typed)
        if parental:
            self._show_register_line()

    def refresh_consent_register(self) -> None:
        """Read the student's register again (on a new request, after its dialog closed)."""
        item = self.item
        self.consent_register = (
            None
            if item is None
            else ConsentService(self.context.workspace).in_force(item.record.student_id)
        )
        self._on_referral_consent()

    def _show_register_line(self) -> None:
        entry = self.consent_register
        if entry is None:
            version = ConsentService(self.context.workspace).current_text().version
            text = self.tr(
                "Belum ada persetujuan tercatat untuk siswa ini. Isian di bawah akan dicatat "
                "di register persetujuannya (formulir kertas, naskah versi {version}) dan "
                "dikutip rujukan ini."
            ).format(version=version)
            role = "muted"
        elif entry.act is ConsentAct.WITHDRAWN:
            text = self.tr(
                "Orang tua/wali menarik persetujuan pada {day}: rujukan atas persetujuan orang "
                "tua/wali tidak dapat dicatat. Catat persetujuan baru di register lebih dulu."
            ).format(day=format_date(entry.on))
            role = "error"
        else:
            text = self.tr("Pakai persetujuan yang tercatat: {line}").format(line=cited_line(entry))
            role = "note"
        self.register_line.setText(text)
        set_role(self.register_line, role)

    @Slot()
    def open_consent_register(self) -> None:
        """The student's consent register (Siswa's dialog), read again when it closes."""
        from bk_desktop.ui.consent_dialog import ConsentDialog  # noqa: PLC0415

        item = self.item
        if item is None or self.consent_dialog is not None:
            return
        try:
            dialog = ConsentDialog(self.context, item.record.student_id, self)
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Persetujuan"), error.message)
            return
        self.consent_dialog = dialog
        dialog.finished.connect(self._consent_register_closed)
        dialog.open()

    @Slot()
    def _consent_register_closed(self) -> None:
        if self.consent_dialog is not None:
            self.consent_dialog.deleteLater()
        self.consent_dialog = None
        self.refresh_consent_register()

    @Slot()
    def _on_referral_target(self) -> None:
        # Every recipient needs a name now (whom the letter goes to); the hint gives examples.
        other = chosen(self.referral_target, ReferralTarget) is ReferralTarget.LEMBAGA_LAIN
        self.referral_target_name.setPlaceholderText(
            self.tr("Wajib: nama lembaga tujuan")
            if other
            else self.tr("Wajib: nama psikolog, dokter, atau puskesmas tujuan")
        )

    # -- saving ----------------------------------------------------------------------------------

    def _clear_errors(self) -> None:
        for form in (self.problem_form, self.decision_form):
            form.clear_errors()
        self.save_message.hide()

    def _referral(self) -> Referral:
        basis = chosen(self.referral_consent, ConsentBasis)
        entry = self.consent_register
        if basis is ConsentBasis.PERSETUJUAN_ORANG_TUA and entry is not None:
            # The entry in force is cited; a withdrawal is refused by the service with the
            # register's own message.
            return Referral(
                target=chosen(self.referral_target, ReferralTarget) or DEFAULT_REFERRAL_TARGET,
                reason=self.referral_reason.toPlainText(),
                shared_information=self.referral_shared.toPlainText(),
                consent_basis=basis,
                target_name=self.referral_target_name.text().strip(),
                status=chosen(self.referral_status, ReferralStatus) or NEW_REFERRAL_STATUS,
                consent_id=entry.id,
            )
        return Referral(
            target=chosen(self.referral_target, ReferralTarget) or DEFAULT_REFERRAL_TARGET,
            reason=self.referral_reason.toPlainText(),
            shared_information=self.referral_shared.toPlainText(),
            consent_basis=chosen(self.referral_consent, ConsentBasis),
            target_name=self.referral_target_name.text().strip(),
            status=chosen(self.referral_status, ReferralStatus) or NEW_REFERRAL_STATUS,
            consent_by=self.consent_by.text().strip(),
            consent_relation=self.consent_relation.text().strip(),
            consent_date=py_date(self.consent_date.date()),
            consent_channel=self.consent_channel.currentData() or "",
        )

    def draft(self, risk: RiskLevel, decision: ServiceKind) -> ScreeningDraft:
        return ScreeningDraft(
            bidang=frozenset(b for b, box in self.bidang.items() if box.isChecked()),
            symptoms=self.symptoms.toPlainText(),
            causes=self.causes.toPlainText(),
            root_cause=self.root_cause.toPlainText(),
            risk=risk,
            decision=decision,
            reason=self.reason.toPlainText(),
            referral=self._referral() if decision is ServiceKind.ALIH_TANGAN_KASUS else None,
        )

    def _problems(self) -> tuple[ScreeningDraft | None, list[ValidationError]]:
        """Every problem of the form at once: the choices the domain cannot judge without
        (risk, decision), and whatever ``ScreeningDraft.validate`` finds in the rest."""
        return validate_choices(
            chosen(self.risk, RiskLevel), chosen(self.decision, ServiceKind), self.draft
        )

    @Slot()
    def save(self) -> None:
        item = self.item
        if item is None:
            return
        self._clear_errors()
        draft, problems = self._problems()
        if draft is None or problems:
            self._show(problems)
            return
        try:
            outcome = ScreeningService(self.context.workspace).record(item.id, draft)
        except ScreeningInvalid as invalid:
            self._show(invalid.errors)
            return
        except ReferralConsentRefused as refused:
            self.refresh_consent_register()  # the register may have changed meanwhile
            self._show([ValidationError(refused.message, "referral.consent_id")])
            return
        except RuleViolation as refused:
            self._show([ValidationError(refused.message, "decision")])
            return
        except KnownError as error:
            self.context.prompter.error(self, self.tr("Asesmen awal"), error.message)
            return
        self.saved.emit(item, outcome)

    def _show(self, errors: list[ValidationError]) -> None:
        left = list(errors)
        for form in (self.problem_form, self.decision_form):
            left = form.show_errors(left)
        if left:
            self.context.prompter.error(
                self, self.tr("Asesmen awal"), "\n".join(e.message for e in left)
            )
        self.save_message.setText(self.tr("Belum tersimpan: perbaiki isian yang ditandai."))
        self.save_message.show()
        self._reveal_first_error(errors)

    def _reveal_first_error(self, errors: list[ValidationError]) -> None:
        """Scroll the first marked field into view; it may be far above the Simpan button."""
        scroll = self.parentWidget()
        while scroll is not None and not isinstance(scroll, QScrollArea):
            scroll = scroll.parentWidget()
        if scroll is None:
            return
        for error in errors:
            for form in (self.problem_form, self.decision_form):
                label = form.error_label(error.field or "")
                if label is not None and label.text():
                    scroll.ensureWidgetVisible(label, 0, 120)
                    return
