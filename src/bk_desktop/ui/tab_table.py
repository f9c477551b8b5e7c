"""The one table of the main window's tabs: adding a tab is adding a row here.

A row says everything the window needs about a tab: its key, the page's object name, its title,
icon and shortcut (Ctrl+1… by position), how to build it (a factory that imports the tab's
module only when the tab is first shown), which kinds of records it shows (it is read again
after a change notice naming one of them) and who may see it.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QWidget

from bk_desktop.domain.accounts import Role
from bk_desktop.domain.changes import Change, Changes
from bk_desktop.domain.drafts import DraftForm

if TYPE_CHECKING:
    from bk_desktop.services.privacy_tasks import PrivacyTask
    from bk_desktop.ui.main_window import MainWindow


class TabKey(enum.StrEnum):
    HOME = "home"
    STUDENTS = "students"
    REQUESTS = "requests"
    SCREENING = "screening"
    SCHEDULE = "schedule"
    COUNSELLING = "counselling"
    COMPLAINTS = "complaints"
    REPORT = "report"
    SETTINGS = "settings"


Factory = Callable[["MainWindow", QWidget], QWidget]

EVERY_ROLE = frozenset(Role)
COUNSELLORS = frozenset(role for role in Role if role.is_counsellor)
"""Tabs of students, permohonan and notes: not the kepala sekolah (``domain.visibility``)."""


@dataclass(frozen=True)
class TabSpec:
    key: TabKey
    page_name: str
    # The untranslated title; ``title()`` translates it in the main window's context.
    source_title: str
    icon: str
    build: Factory
    shows: Changes
    roles: frozenset[Role] = EVERY_ROLE
    # A tab whose own clock makes it read everything whenever it is shown (Beranda: counts and
    # deadlines move with time) needs no stale mark from the window while hidden.
    reads_when_shown: bool = False
    # The forms whose unsaved input this tab keeps as drafts across a lock and reopens after
    # it (``ui/draft_keeping.py``).
    keeps: frozenset[DraftForm] = frozenset()

    def title(self) -> str:
        return QCoreApplication.translate("MainWindow", self.source_title)


# -- factories: each imports its tab's module only when the tab is first built ---------------
# A tab's cost at start-up is its imports (Qt makes a type's enums on first use) and its
# widgets; a tab never opened should cost neither.


def _home(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.home_tab import HomeTab  # noqa: PLC0415

    home = HomeTab(window.context, page)
    home.request_opened.connect(window.open_request)
    home.requests_wanted.connect(window.show_requests)
    home.session_opened.connect(lambda session_id: open_session(window, session_id))
    home.case_opened.connect(lambda case_id: open_case(window, case_id))
    home.schedule_day_wanted.connect(lambda day: open_schedule_at_day(window, day))
    home.complaint_opened.connect(lambda complaint_id: open_complaint(window, complaint_id))
    home.principal_account_wanted.connect(lambda: open_accounts(window))
    home.privacy_task_opened.connect(lambda task: open_privacy_task(window, task))
    return home


def _students(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.students_tab import StudentsTab  # noqa: PLC0415

    return StudentsTab(window.context, page)


def _requests(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.requests_tab import RequestsTab  # noqa: PLC0415

    requests = RequestsTab(window.context, page)
    requests.session_wanted.connect(lambda request_id: open_session_of_request(window, request_id))
    requests.schedule_wanted.connect(
        lambda request_id: open_schedule_at_request(window, request_id)
    )
    return requests


def _screening(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.screening_tab import ScreeningTab  # noqa: PLC0415

    screening = ScreeningTab(window.context, page)
    screening.requests_wanted.connect(window.show_requests)
    return screening


def _schedule(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.schedule_tab import ScheduleTab  # noqa: PLC0415

    schedule = ScheduleTab(window.context, page)
    schedule.session_wanted.connect(lambda session_id: open_session(window, session_id))
    return schedule


def open_schedule_at_request(window: MainWindow, request_id: int) -> None:
    """Pengajuan's "Sepakati jadwal…": Jadwal, this week, that permohonan chosen."""
    from bk_desktop.ui.tabs.schedule_tab import ScheduleTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.SCHEDULE)
    if isinstance(tab, ScheduleTab):
        tab.open_request(request_id)


def open_schedule_at_day(window: MainWindow, day: date) -> None:
    """Beranda's "Lihat di Jadwal": Jadwal, at that day's week."""
    from bk_desktop.ui.tabs.schedule_tab import ScheduleTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.SCHEDULE)
    if isinstance(tab, ScheduleTab):
        tab.go_to(day)


def open_case(window: MainWindow, case_id: int) -> None:
    """Beranda's follow-ups and action plans: Konseling, at that case."""
    from bk_desktop.ui.tabs.counselling_tab import CounsellingTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.COUNSELLING)
    if isinstance(tab, CounsellingTab):
        tab.select_case(case_id)


def open_complaint(window: MainWindow, complaint_id: int) -> None:
    """Beranda's Kotak Saran rows: Kotak Saran, at that entry, its detail open."""
    from bk_desktop.ui.tabs.complaints_tab import ComplaintsTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.COMPLAINTS)
    if isinstance(tab, ComplaintsTab):
        tab.open_entry(complaint_id)


def open_student(window: MainWindow, student_id: int) -> None:
    """Beranda's withdrawal rows: Siswa, at that student (the search cleared when it hid
    them)."""
    from bk_desktop.ui.tabs.students_tab import StudentsTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.STUDENTS)
    if isinstance(tab, StudentsTab) and not tab.select_student(student_id):
        tab.search.clear()
        tab.run_search(keep=student_id)


def open_privacy_task(window: MainWindow, task: PrivacyTask) -> None:
    """Beranda's data-protection rows, each where it is handled."""
    from bk_desktop.services.privacy_tasks import TaskKind  # noqa: PLC0415

    if task.kind is TaskKind.WITHDRAWAL:
        open_student(window, task.target_id)
        return
    from bk_desktop.ui.tabs.admin.admin_tab import AdminTab  # noqa: PLC0415
    from bk_desktop.ui.tabs.admin.data_requests_page import DataRequestsPage  # noqa: PLC0415
    from bk_desktop.ui.tabs.admin.incidents_page import IncidentsPage  # noqa: PLC0415

    tab = window.show_tab(TabKey.SETTINGS)
    if not isinstance(tab, AdminTab):
        return
    wanted = DataRequestsPage if task.kind is TaskKind.DATA_REQUEST else IncidentsPage
    page = next((p for p in tab.privacy.values() if isinstance(p, wanted)), None)
    if page is None:  # not the koordinator: the register is not theirs to open
        return
    tab.show_section(tab.row_of(page))
    page.select(task.target_id)


def open_accounts(window: MainWindow) -> None:
    """Beranda's missing-principal line: Pengaturan, at its accounts section."""
    from bk_desktop.ui.tabs.admin.admin_tab import AdminTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.SETTINGS)
    if isinstance(tab, AdminTab):
        tab.show_section(tab.row_of(tab.accounts))


def open_session(window: MainWindow, session_id: int) -> None:
    """Jadwal's session block and Beranda's session rows (Enter, double click): Konseling, at
    that session's record."""
    from bk_desktop.ui.tabs.counselling_tab import CounsellingTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.COUNSELLING)
    if isinstance(tab, CounsellingTab):
        tab.open_session(session_id)


def _counselling(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.counselling_tab import CounsellingTab  # noqa: PLC0415

    return CounsellingTab(window.context, page)


def open_session_of_request(window: MainWindow, request_id: int) -> None:
    """Pengajuan's "Catat sesi": Konseling, at the permohonan's next planned session."""
    from bk_desktop.ui.tabs.counselling_tab import CounsellingTab  # noqa: PLC0415

    tab = window.show_tab(TabKey.COUNSELLING)
    if isinstance(tab, CounsellingTab):
        tab.open_request_session(request_id)


def _complaints(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.complaints_tab import ComplaintsTab  # noqa: PLC0415

    return ComplaintsTab(window.context, page)


def _report(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.report_tab import ReportTab  # noqa: PLC0415

    return ReportTab(window.context, page)


def _settings(window: MainWindow, page: QWidget) -> QWidget:
    from bk_desktop.ui.tabs.admin.admin_tab import AdminTab  # noqa: PLC0415

    return AdminTab(window.context, page)


# The current term, the zone and the school days shape every list (whose class is shown, which
# requests are this year's, every clock), so every list shows SETTINGS too. Pengaturan is the
# editor of those records: it reads them when built and after a restore, never behind the
# back of a half-edited form.
TABS: tuple[TabSpec, ...] = (
    TabSpec(
        TabKey.HOME,
        "homePage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Beranda")),
        "tab-home",
        _home,
        frozenset(
            {
                Change.STUDENTS,
                Change.REQUESTS,
                Change.SCREENINGS,
                Change.SESSIONS,
                Change.CASES,
                Change.COMPLAINTS,
                Change.PRIVACY,
                Change.SETTINGS,
                Change.ACCOUNTS,
                Change.VAULT,
                Change.DRAFTS,
            }
        ),
        reads_when_shown=True,
    ),
    TabSpec(
        TabKey.STUDENTS,
        "studentsPage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Siswa")),
        "tab-students",
        _students,
        frozenset({Change.STUDENTS, Change.SETTINGS}),
        roles=COUNSELLORS,
        keeps=frozenset({DraftForm.STUDENT, DraftForm.CONSENT}),
    ),
    TabSpec(
        TabKey.REQUESTS,
        "requestsPage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Pengajuan")),
        "tab-intake",
        _requests,
        frozenset({Change.REQUESTS, Change.SCREENINGS, Change.STUDENTS, Change.SETTINGS}),
        roles=COUNSELLORS,
        keeps=frozenset({DraftForm.REQUEST, DraftForm.ASSENT, DraftForm.STATUS}),
    ),
    TabSpec(
        TabKey.SCREENING,
        "screeningPage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Penyaringan")),
        "tab-screening",
        _screening,
        frozenset({Change.REQUESTS, Change.SCREENINGS, Change.STUDENTS, Change.SETTINGS}),
        roles=COUNSELLORS,
        keeps=frozenset({DraftForm.SCREENING}),
    ),
    TabSpec(
        TabKey.SCHEDULE,
        "schedulePage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Jadwal")),
        "tab-schedule",
        _schedule,
        frozenset({Change.SESSIONS, Change.REQUESTS, Change.SETTINGS}),
        roles=COUNSELLORS,
        keeps=frozenset({DraftForm.SCHEDULE}),
    ),
    TabSpec(
        TabKey.COUNSELLING,
        "counsellingPage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Konseling")),
        "tab-counselling",
        _counselling,
        frozenset({Change.SESSIONS, Change.CASES, Change.REQUESTS, Change.SETTINGS}),
        roles=COUNSELLORS,
        keeps=frozenset({DraftForm.SESSION}),
    ),
    # Every role: the kepala sekolah receives entries too and handles those forwarded to them;
    # the service lists only what the signed-in account may open.
    TabSpec(
        TabKey.COMPLAINTS,
        "complaintsPage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Kotak Saran")),
        "tab-complaints",
        _complaints,
        frozenset({Change.COMPLAINTS, Change.ACCOUNTS, Change.SETTINGS}),
        roles=EVERY_ROLE,
        keeps=frozenset({DraftForm.COMPLAINT, DraftForm.COMPLAINT_ACTION}),
    ),
    # Figures only, no student: a tab of records the kepala sekolah shares.
    TabSpec(
        TabKey.REPORT,
        "reportPage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Laporan")),
        "tab-report",
        _report,
        frozenset(
            {
                Change.REQUESTS,
                Change.SCREENINGS,
                Change.SESSIONS,
                Change.CASES,
                Change.COMPLAINTS,
                Change.SETTINGS,
                Change.ACCOUNTS,
            }
        ),
        keeps=frozenset({DraftForm.REPORT_TEXT}),
    ),
    TabSpec(
        TabKey.SETTINGS,
        "settingsPage",
        str(QT_TRANSLATE_NOOP("MainWindow", "Pengaturan")),
        "tab-settings",
        _settings,
        frozenset(),
        keeps=frozenset({DraftForm.CONSENT_TEXT, DraftForm.DATA_REQUEST, DraftForm.INCIDENT}),
    ),
)


def tabs_for(role: Role) -> tuple[TabSpec, ...]:
    """The rows ``role`` may see, in the table's order."""
    return tuple(spec for spec in TABS if role in spec.roles)


def index_of(key: TabKey) -> int:
    """Position of ``key`` in the full table, which is a counsellor's (``MainWindow.index_of``
    answers for the signed-in role)."""
    return next(i for i, spec in enumerate(TABS) if spec.key is key)
